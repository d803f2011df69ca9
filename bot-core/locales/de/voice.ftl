voice-lost = ⚠ Ich kann nicht mehr ändern, wer in { $channel } spricht: Mir fehlt dort { $missing }. Das Treffen geht hier im Text weiter, und ich fasse Voice nicht mehr an, bis jemand aus der Administration die Berechtigung zurückgibt und den Kanal mit { $link } neu verknüpft.
voice-lost-still-muted = An die Moderation: Diese Personen sind vielleicht noch von mir stummgeschaltet; bitte hebt die Stummschaltung von Hand auf:
voice-floor-stage-started = Stage gestartet: { $topic }
voice-floor-step = { $step ->
    [to-speakers] zu den Sprechenden: { $names }
    [to-audience] zurück ins Publikum: { $names }
    [unmuted] Stummschaltung aufgehoben: { $names }
   *[muted] stummgeschaltet: { $names }
}
voice-floor-stage-ended = Stage beendet
voice-option-wrong-kind = { $kind ->
    [stage] Das ist für einen Sprachkanal, und { $channel } ist eine Stage. Auf einer Stage wird niemand stummgeschaltet: Nur die sprechende Person wird zu den Sprechenden verschoben.
   *[voice] Das ist für eine Stage, und { $channel } ist ein Sprachkanal. Ein Sprachkanal hat keine Stage, die man starten oder beenden könnte.
}
voice-none-linked = Mit diesem Treffen ist kein Sprach- oder Stage-Kanal verknüpft. Wer administriert, kann einen mit { $link } verknüpfen (Discord).
voice-linked-to = 🔊 Verknüpft mit { $channel } ({ $kind ->
    [stage] Stage
   *[voice] Sprachkanal
}).
voice-not-changing = ⚠ Ich ändere nichts an Voice: Mir fehlt { $missing }. Gib die Berechtigung zurück und nutze dann erneut { $link }.
voice-status = 🔊 { $channel }
voice-status-lost = 🔊 { $channel } · keine Änderungen an Voice (Berechtigung fehlt)
voice-status-unmuted = 🔊 { $channel } · niemand wird stummgeschaltet
voice-fact-present = dass du im verknüpften Sprachkanal bist (gespeichert, solange du dort bist)
voice-fact-muted = dass ich dich für diese Teilrunde serverweit stummgeschaltet habe (aufgehoben, wenn sie endet oder du gehst)
voice-fact-unmuting = dass ich gerade eine Server-Stummschaltung aufhebe, die ich dir gegeben habe
voice-fact-owed = dass ich dir noch eine Aufhebung der Stummschaltung schulde: Du hast Voice verlassen, während ich dich stummgeschaltet hatte, also hebe ich sie auf, sobald du hier wieder Voice betrittst
voice-missing = Ich kann das Wort in { $channel } nicht leiten: Mir fehlt dort { $missing }. Gib meiner Rolle { $n ->
    [one] diese Berechtigung
   *[other] diese Berechtigungen
} in den Berechtigungen des Kanals und verknüpfe ihn dann neu.
voice-permission = { $permission ->
    [view-channel] Kanal ansehen
    [manage-channels] Kanäle verwalten
    [mute-members] Mitglieder stummschalten
   *[move-members] Mitglieder verschieben
}
voice-permissions-and = { $first } und { $last }
voice-the-linked-channel = der verknüpfte Kanal
voice-linked = 🔊 { $channel } ({ $kind ->
    [stage] Stage
   *[voice] Sprachkanal
}) ist jetzt mit diesem Treffen verknüpft.
voice-stage-how = Wenn ein Beitrag beginnt, verschiebe ich die sprechende Person zu den Sprechenden und die vorherige zurück ins Publikum; die Moderation und wer die Stage moderiert, werden nie verschoben. Eine Anfrage zum Sprechen hebt die Hand.
voice-stage-by-me = Ich starte die Stage, wenn eine Sitzung öffnet, und beende sie beim Schließen ({ $off } überlässt das euch).
voice-stage-by-you = Ihr startet und beendet die Stage selbst ({ $on } lässt mich das mit der Sitzung tun).
voice-mute-on = Während einer Teilrunde schalte ich alle im Kanal außer der sprechenden Person und der Moderation stumm und hebe das am Ende wieder auf ({ $off } stellt das ab).
voice-mute-off = Ich schalte niemanden stumm. { $on } schaltet während Teilrunden alle außer der sprechenden Person und der Moderation stumm (Server-Stummschaltung; ich hebe jede auf, die ich setze).
voice-pause-opens = Eine Pause gibt das Wort allen frei ({ $keep } lässt es bei der sprechenden Person).
voice-pause-keeps = Eine Pause lässt das Wort bei der sprechenden Person ({ $open } gibt es allen frei).
voice-not-linked = Hier ist kein Sprach- oder Stage-Kanal verknüpft; wer administriert, kann einen mit { $link } verknüpfen.
voice-no-channel = Ich finde keinen Sprach- oder Stage-Kanal namens „{ $name }“, den ich hier verknüpfen könnte. Sprach- und Stage-Kanäle gibt es bei Discord; Matrix-Anrufe haben keine Wortleitung, dort läuft das Treffen im Text.

# A Stage's topic when the session has no name.
voice-stage-topic = Treffen
