welcome-hello = Hallo, und danke, dass du gekommen bist. Du bist zum ersten Mal bei diesem Treffen, deshalb hier kurz, wie es läuft:
welcome-turns = In einer Teilrunde rufe ich alle nacheinander auf und achte auf die Zeit, damit alle gleich viel davon bekommen. Du siehst, wann dein Beitrag beginnt und endet.
welcome-pass = Du musst nie etwas teilen. Mit { $pass } setzt du aus, bevor du dran bist oder wenn du dran bist, und ich sage nur, dass du ausgesetzt hast. { $listen } heißt, dass du heute lieber nur zuhörst.
welcome-hand = Wenn du etwas sagen möchtest, heb die Hand mit { $hand }.
welcome-crisis = Wenn es dir gerade schwer geht, zeigt dir { $crisis } privat, wo du Hilfe findest.
welcome-kept = Ich speichere deinen Anzeigenamen, solange du teilnimmst, das Datum deines letzten Check-ins (damit ich dich nur einmal begrüße) und, falls dieses Treffen die Anwesenheit erfasst, die Tage, an denen du da warst. Check-in-Wörter werden gelöscht, wenn die Sitzung endet.
welcome-keeps = Was jemand teilt, speichere ich nie. { $my_data } zeigt alles, was ich über dich speichere, und { $forget } löscht es.
welcome-show-on = Wer hier zum ersten Mal eincheckt, bekommt das privat ({ $off } schaltet es ab):
welcome-show-off = Die Begrüßung für Neue ist aus ({ $on } schaltet sie ein). Sie lautet:
welcome-set = Die Begrüßung dieses Treffens ist gespeichert. Neue bekommen sie so:
welcome-reset = Neue bekommen wieder die Standardbegrüßung (ansehen mit { $welcome }).
welcome-fact = dass du hier schon eingecheckt hast, zuletzt am { $date } (gespeichert für { $days ->
    [one] 1 Tag
   *[other] { $days } Tage
}, damit ich dich nur einmal begrüße)
