place-closed-headline = Sitzung geschlossen.
place-ended-headline = Das Treffen ist zu Ende.
place-idle-headline = Ich schließe die Sitzung nach { $idle } ohne Aktivität.
place-session-closed = { $headline } Danke, dass ihr da wart. { $erased }

place-no-such-template = Diese Vorlage gibt es nicht; siehe { $list }.
place-format-used = Der Ablauf dieses Ortes ist jetzt { $name } ({ $parts ->
    [one] 1 Teil
   *[other] { $parts } Teile
}). { $show } zeigt ihn; die eigenen Texte eurer Gruppe fügst du mit { $text } ein.
place-format-off = Dieser Ort hat jetzt keinen Ablauf: Sitzungen haben Teilrunden, wenn die Moderation sie startet.
place-part-removed = Teil { $number } entfernt, { $title }.
place-format-imported = { $name } importiert ({ $parts ->
    [one] 1 Teil
   *[other] { $parts } Teile
}). { $show } zeigt ihn.
place-no-such-time = Diese Uhrzeit gibt es in dieser Zeitzone nicht.
place-meeting-ends = Das Treffen endet um { $at }: Die Beiträge bis zum Abschluss passen in die Zeit davor.
place-agenda-follows = Die heutige Tagesordnung folgt der Änderung.
place-agenda-kept = Das heutige Treffen behält seine Tagesordnung; die Änderung gilt ab der nächsten Sitzung.
place-agenda-not-started = Die offene Sitzung hat noch keine Tagesordnung: { $go } startet sie jetzt.
place-already-open = Es ist schon eine Sitzung offen (seit { $since }). Schließ sie zuerst mit { $close }.
place-time-for = Es ist Zeit für { $name }.
