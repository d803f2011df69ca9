calendar-examples = { $weekly }, { $weekly_days }, { $daily }, { $monthly } oder ein Cron-Ausdruck wie { $cron }
calendar-not-a-time = „{ $typed }“ ist keine Uhrzeit wie `19:00`
calendar-not-a-time-of-day = „{ $typed }“ ist keine Uhrzeit (00:00 bis 23:59)
calendar-unknown = „{ $typed }“ verstehe ich nicht als Termin; versuch es mit { $examples }
calendar-unknown-name = „{ $typed }“ verstehe ich nicht als Termin (der Name eines Termins ist ein einziges Wort); versuch es mit { $examples }
calendar-extra = „{ $typed }“ nach der Uhrzeit ist weder eine Zeitzone (wie { $zone }) noch eine Dauer (wie { $duration })
calendar-missing = sag, wann das Treffen ist, zum Beispiel { $examples }
calendar-write-like = schreib { $form }, zum Beispiel { $example }
calendar-write-like-or = schreib { $form }, zum Beispiel { $example } oder { $other }
calendar-write-either = schreib { $form } oder { $other }
calendar-not-weekday = „{ $typed }“ ist kein Wochentag ({ $days })
calendar-nth = „{ $typed }“ sollte { $choices } sein
calendar-not-day-of-month = „{ $typed }“ ist kein Tag im Monat (1 bis 31) und kein Wochentag wie { $example }
calendar-empty-item = „{ $typed }“ hat einen leeren Eintrag in einer Liste: schreib auf beide Seiten jedes Kommas einen Wert, zum Beispiel { $example }
calendar-never = „{ $typed }“ kommt nie vor; versuch es mit { $examples }
calendar-not-a-zone = „{ $typed }“ ist kein Zeitzonenname wie { $zone } oder { $other }

date-zoned = { date-weekday }, { $day }. { date-month } { $year }, { $time } { $zone }
date-zoned-where = { date-zoned } ({ $tz })
date-weekday = { $weekday ->
    [mon] Mo.
    [tue] Di.
    [wed] Mi.
    [thu] Do.
    [fri] Fr.
    [sat] Sa.
   *[sun] So.
}
date-month = { $month ->
    [jan] Januar
    [feb] Februar
    [mar] März
    [apr] April
    [may] Mai
    [jun] Juni
    [jul] Juli
    [aug] August
    [sep] September
    [oct] Oktober
    [nov] November
   *[dec] Dezember
}
