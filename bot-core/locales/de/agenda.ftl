agenda-none = Für dieses Treffen gibt es keinen Ablauf, dem wir folgen könnten. Wer administriert, kann einen mit { $choose } wählen (siehe { $list }).
agenda-checkin-how = Komm mit { $checkin } an (gern mit einem Wort, wie es dir gerade geht), oder mit { $listen }, um nur zuzuhören.
agenda-waiting-hands = Heb die Hand mit { $hand }, um zu teilen; die Moderation startet die Runde mit { $start }.
agenda-waiting-checkins = Komm mit { $checkin } an, um mitzumachen; wenn alle da sind, startet die Moderation die Runde mit { $start }.
agenda-no-end = Für dieses Treffen ist kein Ende bekannt, also teilt jede Person { $each }. Die Moderation kann das Ende mit { $set } festlegen.
agenda-budget = Wir teilen die Zeit bis zum Abschluss um { $closing } auf: { $each } für jede der { $waiting ->
    [one] 1 Person
   *[other] { $waiting } Personen
}, die noch teilen; wenn jemand aussetzt oder früher fertig ist, bekommen die anderen mehr Zeit.
agenda-budget-hands = Wir teilen die Zeit bis zum Abschluss um { $closing } auf: Mit { $each } pro Person können etwa { $fit } der { $waiting } Personen teilen, deshalb geht die Runde nach Handzeichen: Wer heute noch nicht geteilt hat, kommt zuerst.
agenda-part-ended = { $title } ist zu Ende.
agenda-last-part-over = Das war der letzte Teil des Ablaufs. Die Moderation schließt die Sitzung mit { $close }.
agenda-first-part = Das ist der erste Teil des Ablaufs.
agenda-part-under-way = Teil { $n } läuft gerade.
agenda-nothing-to-skip = Nach diesem Teil ist keiner mehr zum Überspringen übrig.
agenda-part-over-already = Teil { $n } ist schon vorbei; zurück dorthin geht es mit { $go }.
agenda-part-skipped-already = Teil { $n } wird schon übersprungen.
agenda-part-will-skip = Teil { $n }, { $title }, wird übersprungen. { $go } holt ihn zurück.
agenda-over = Der Ablauf ist zu Ende. Die Moderation schließt die Sitzung mit { $close }.
agenda-over-short = Der Ablauf ist zu Ende.
agenda-part-warning = { $title }: noch { $left }, bis { $until }.
agenda-part-heading = Teil { $n } von { $total }:
agenda-part-begins = { $heading } { $title }.
agenda-part-begins-until = { $heading } { $title }, bis { $until } ({ $relative }).
agenda-read-by = Es liest { $reader }.
agenda-reader-wanted = Möchte jemand vorlesen? Die Moderation fragt nach einer freiwilligen Person.
agenda-discussion = Jetzt ist Crosstalk willkommen.
agenda-silence = Lasst uns gemeinsam einen Moment still sein.
agenda-break = Atme kurz durch; am Ende geht es weiter.
agenda-listing-heading = Ablauf:
agenda-listing = { $heading } { $name }
agenda-entry-timed = { $about ->
    [yes] { $n }. { $from }–etwa { $to } { $title }
   *[no] { $n }. { $from }–{ $to } { $title }
}
agenda-entry-from = { $n }. ab { $from } { $title }
agenda-entry = { $n }. { $title }
agenda-entry-now = (jetzt)
agenda-entry-done = (erledigt)
agenda-entry-skipped = (übersprungen)
