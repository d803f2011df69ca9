settings-share-time-too-short = Eine Redezeit unter { $limit } ist zu kurz, um etwas zu teilen. Versuch es mit { $example }.
settings-grace-too-long = Die Nachfrist kann höchstens { $limit } betragen. Versuch es mit { $example }.
settings-schedule-grace-too-long = Die Nachfrist für geplante Treffen kann höchstens { $limit } betragen. Versuch es mit { $example }.
settings-idle-close-too-short = Das Schließen bei Inaktivität muss mindestens { $limit } betragen. Versuch es mit { $example }.
settings-meeting-too-short = Ein Treffen muss mindestens { $limit } dauern. Versuch es mit { $example }.
settings-share-time-set = Die Redezeit beträgt jetzt { $time }.
settings-warnings-none = Vor „Zeit“ gibt es keine Hinweise.
settings-warnings-set = Hinweise kommen { $warnings } vor dem Ende eines Beitrags.
settings-warnings-and = { $all } und { $next }
settings-grace-set = Nach „Zeit“ wird die nächste Person nach { $grace } aufgerufen.
settings-auto-advance-set = { $on ->
    [yes] Runden gehen nach der Nachfrist von selbst zur nächsten Person weiter.
   *[no] Nach „Zeit“ warten Runden auf { $next } von der Moderation.
}
settings-fairness-set = { $on ->
    [yes] Fairness ist an: Wer schon geteilt hat, kommt hinter alle, die noch nicht geteilt haben.
   *[no] Fairness ist aus: Die Warteschlange behält die Reihenfolge, in der die Hände gehoben wurden.
}
settings-crosstalk-set = Die Regel für Querreden ist jetzt { $policy ->
    [none] `none`
    [discussion] `discussion`
   *[open] `open`
}.
settings-host-role-set = Personen mit der Rolle { $role } moderieren hier.
settings-timezone-set = Die Zeitzone dieses Treffens ist jetzt { $zone }. Bestehende Zeitpläne behalten ihre eigene Zeitzone.
settings-welcome-set = { $on ->
    [yes] Wer hier zum ersten Mal eincheckt, bekommt eine private Begrüßung.
   *[no] Es wird keine Begrüßung mehr geschickt, und ich speichere nicht mehr, wer schon einmal eingecheckt hat.
}
settings-attendance-on = Anwesenheit ist an: Jeder Check-in speichert das Datum für diese Person, aufbewahrt für { $days ->
    [one] 1 Tag
   *[other] { $days } Tage
}. Alle können ihre eigenen Daten mit { $my_data } sehen.
settings-attendance-off = Anwesenheit ist aus, und die bisher gespeicherten Daten wurden gelöscht.
settings-min-share-set = Wenn ein Ablauf die Zeit bis zum Abschluss aufteilt, bekommt niemand weniger als { $least }; wenn nicht alle hineinpassen, wird stattdessen nach Handzeichen aufgerufen.
settings-schedule-grace-set = Nach einem Ausfall findet eine geplante Erinnerung oder Öffnung, die bis zu { $grace } zu spät ist, noch statt; ältere werden übersprungen.
settings-retention-set = Anwesenheitsdaten werden { $days ->
    [one] 1 Tag
   *[other] { $days } Tage
} lang gespeichert.
settings-idle-close-set = Eine offene Sitzung ohne Aktivität wird nach { $idle } geschlossen.
settings-crisis-saved = { $own ->
    [yes] Gespeichert. { $crisis } zeigt jetzt deinen Text.
   *[no] Gespeichert. { $crisis } zeigt wieder die Standard-Hilfsangebote.
}
settings-crisis-default = Wenn du in Gefahr bist oder daran denkst, dir das Leben zu nehmen, ruf bitte jetzt den Notruf an: 112 in der ganzen EU. In Deutschland erreichst du die Telefonseelsorge rund um die Uhr, kostenlos und vertraulich, unter 0800 111 0 111 oder 0800 111 0 222; in Österreich die Telefonseelsorge unter 142; in der Schweiz Die Dargebotene Hand unter 143. Auf findahelpline.com findest du kostenlose, vertrauliche Hilfe in deinem Land. Du bist nicht allein, und es ist mutig, dir Hilfe zu holen.
settings-list-heading = Die Einstellungen dieses Treffens:
settings-list-not-set = (nicht festgelegt)
settings-list-welcome = welcome: { $on ->
    [on] on
   *[off] off
}{ $own ->
    [yes] {" "}(der eigene Text dieses Treffens)
   *[no] {""}
}
settings-list-crisis = crisis: { $own ->
    [yes] der eigene Text dieses Treffens
   *[no] der Standardtext
}
settings-list-share-time = share-time: { $value }
settings-list-warnings = warnings: { $value }
settings-list-no-warnings = none
settings-list-grace = grace: { $value }
settings-list-auto-advance = auto-advance: { $on ->
    [on] on
   *[off] off
}
settings-list-fairness = fairness: { $on ->
    [on] on
   *[off] off
}
settings-list-crosstalk = crosstalk: { $policy ->
    [none] none
    [discussion] discussion
   *[open] open
}
settings-list-idle-close = idle-close: { $value }
settings-list-host-role = host-role: { $value }
settings-list-timezone = timezone: { $zone }
settings-list-attendance = attendance: { $on ->
    [on] on
   *[off] off
}
settings-list-retention = retention: { $days }d
settings-list-schedule-grace = schedule-grace: { $value }
settings-list-min-share = min-share: { $value }
