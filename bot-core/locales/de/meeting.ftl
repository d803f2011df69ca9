session-open-welcome = Willkommen. Die Sitzung ist offen
session-opened = { $welcome }.
session-opened-named = { $welcome }: { $name }.
session-open-how = Komm mit { $checkin } an (gern mit einem Wort, wie es dir gerade geht), oder mit { $listen }, um nur zuzuhören. Heb die Hand mit { $hand }.
session-checked-in = { $listening ->
    [yes] Willkommen, { $name } (hört nur zu).
   *[no] Willkommen, { $name }.
}
session-checked-in-again = { $listening ->
    [yes] Aktualisiert: { $name } (hört nur zu).
   *[no] Aktualisiert: { $name }.
}
session-roll-empty = Noch ist niemand angekommen. Komm mit { $checkin } an.
session-roll = Angekommen ({ $n }):
session-roll-listening = { $name } (hört zu)

queue-hand-already-up = Deine Hand ist schon oben: Du bist an { $place } Stelle in der Warteschlange.
queue-closed-by-host = Die Moderation hat die Warteschlange vorerst geschlossen.
queue-hand-up = Deine Hand ist oben: Du bist an { $place } Stelle in der Warteschlange.
queue-hand-not-up = Deine Hand ist nicht oben.
queue-hand-down = Deine Hand ist unten.
queue-hand-down-okay = Deine Hand ist unten. Das ist völlig in Ordnung.
queue-empty = { $closed ->
    [yes] Keine Hände sind oben. Die Warteschlange ist geschlossen.
   *[no] Keine Hände sind oben.
}
queue-heading = { $closed ->
    [yes] Warteschlange ({ $n }): Die Warteschlange ist geschlossen.
   *[no] Warteschlange ({ $n }):
}
queue-entry = { $n }. { $name } — Hand oben seit { $duration }
queue-no-hand-up = { $name } hat keine Hand oben.
queue-lowered = Die Hand von { $name } ist jetzt unten.
queue-moved = { $name } ist jetzt an { $place } Stelle in der Warteschlange.
queue-cleared = Alle Hände sind jetzt unten.
queue-already-closed = Die Warteschlange ist schon geschlossen.
queue-already-open = Die Warteschlange ist schon offen.
queue-now-closed = Die Warteschlange ist vorerst geschlossen: bitte gerade keine neuen Hände.
queue-now-open = Die Warteschlange ist offen: Heb die Hand mit { $hand }.
queue-nobody-to-call = Niemand hat die Hand oben. Eine Runde mit Zeit startest du mit { $start }.
queue-floor = { $name }, du hast das Wort.

round-already-running = Es läuft schon eine Runde. Beende sie zuerst mit { $end }.
round-not-your-turn = Gerade ist { $name } dran; { $done } beendet nur deinen eigenen Beitrag.
round-thank-you = Danke, { $name }.
round-moving-on = Wir machen weiter.
round-passed = { $name } setzt aus.
round-queue-nobody = Niemand hat die Hand oben, also kann eine Runde nach Handzeichen niemanden aufrufen. Mit { $hand } kann man die Hand heben.
round-nobody-checked-in = Noch ist niemand zum Teilen angekommen (wer nur zuhört, wird nicht aufgerufen). Man kann mit { $checkin } ankommen oder mit { $queue } eine Runde nach Handzeichen starten.
round-share-round = Teilrunde
round-go-around = Runde
round-opening = { $what }: { $each } pro Person, { $order ->
    [checkin] in der Reihenfolge des Ankommens
    [queue] nach Handzeichen
   *[shuffle] in zufälliger Reihenfolge
}. { $crosstalk ->
    [none] Kein Crosstalk: Bitte hör zu, ohne auf Beiträge zu antworten.
    [discussion] Crosstalk: Bitte heb dir Antworten für das Gespräch nach der Runde auf.
   *[open] Crosstalk ist offen: Behutsame Antworten sind willkommen.
}
round-order = Reihenfolge: { $names }. Sag jederzeit { $pass }, wenn du lieber nicht teilen möchtest.
round-call = { $name }, du hast das Wort: { $each }, bis { $until } ({ $relative }).
round-call-up-next = { $name }, du hast das Wort: { $each }, bis { $until } ({ $relative }). Danach: { $next }.
round-ended-heading = Die Runde ist zu Ende.
round-ended = { $ended } { $n ->
    [0] Diesmal hat niemand geteilt, und das ist in Ordnung.
    [one] 1 Person hat geteilt.
   *[other] { $n } Personen haben geteilt.
} Danke euch allen.
round-already-passed = Du setzt in dieser Runde schon aus.
round-pass-noted = Notiert: Du setzt aus, wenn du dran bist. Alle hören nur „setzt aus“.
round-turn-was-already = Du warst in dieser Runde schon dran.
round-not-in-order = Du bist nicht in der Reihenfolge dieser Runde, also gibt es nichts zum Aussetzen. Du kannst gern einfach zuhören.
round-not-waiting = { $name } wartet in dieser Runde nicht auf einen Beitrag.
round-will-skip = { $name } wird in dieser Runde übersprungen.
round-resuming = Es geht weiter.
round-time-word = Zeit
round-time = { $time }, { $name }. Danke fürs Teilen; komm gern langsam zum Ende.
round-time-host-calls = { $time }, { $name }. Danke fürs Teilen; komm gern langsam zum Ende. Die Moderation ruft die nächste Person auf.
round-you-are-next = { $name }, du bist als Nächstes dran: von { $from } bis { $to }.
round-last-unless-hand = Keine Hände sind oben: Wenn niemand vor { $before } mit { $hand } die Hand hebt, war das der letzte Beitrag dieser Runde.
round-last-share = Das war der letzte Beitrag dieser Runde.

turn-extend-too-short = Verlängere um mindestens eine Sekunde, zum Beispiel { $example }.
turn-extended-paused = { $name } hat { $more } mehr (die Uhr ist angehalten).
turn-extended = { $name } hat { $more } mehr, bis { $until } ({ $relative }).
turn-already-paused = Die Runde ist schon pausiert. Nutze { $resume }.
turn-paused-word = Pause.
turn-paused = { $paused } Die Uhr steht still; nimm dir die Zeit, die du brauchst.
turn-not-paused = Die Runde ist nicht pausiert.
turn-resumed = Weiter geht’s: { $name } hat noch { $left }, bis { $until }.
turn-warning = { $name }, noch { $left } (bis { $until }).

session-status-open = Sitzung offen
session-status = { $open } seit { $since }. { $checkins } angekommen, { $hands ->
    [one] 1 Hand oben
   *[other] { $hands } Hände oben
}.
session-status-named = { $open } seit { $since }: { $name }. { $checkins } angekommen, { $hands ->
    [one] 1 Hand oben
   *[other] { $hands } Hände oben
}.
session-status-part = Teil { $n } von { $total }: { $title }.
session-status-part-until = Teil { $n } von { $total }: { $title }, bis { $until }.
session-status-speaking = Es spricht: { $name }, bis { $until } (noch { $left }).
session-status-speaking-paused = Es spricht: { $name } — pausiert, noch { $left }.
session-status-speaking-time-up = Es spricht: { $name } — die Zeit ist um.
session-status-round-running = Eine Runde läuft.
session-status-up-next = Danach: { $name }.
