calendar-examples = { $weekly }, { $weekly_days }, { $daily }, { $monthly } ou une expression cron comme { $cron }
calendar-not-a-time = « { $typed } » n’est pas une heure comme `19:00`
calendar-not-a-time-of-day = « { $typed } » n’est pas une heure de la journée (de 00:00 à 23:59)
calendar-unknown = je ne comprends pas « { $typed } » comme horaire de réunion ; essaie { $examples }
calendar-unknown-name = je ne comprends pas « { $typed } » comme horaire de réunion (le nom d’une réunion planifiée est un seul mot) ; essaie { $examples }
calendar-extra = « { $typed } » après l’heure n’est ni un fuseau horaire (comme { $zone }) ni une durée (comme { $duration })
calendar-missing = dis quand a lieu la réunion, par exemple { $examples }
calendar-write-like = écris { $form }, par exemple { $example }
calendar-write-like-or = écris { $form }, par exemple { $example } ou { $other }
calendar-write-either = écris { $form } ou { $other }
calendar-not-weekday = « { $typed } » n’est pas un jour de la semaine ({ $days })
calendar-nth = « { $typed } » devrait être { $choices }
calendar-not-day-of-month = « { $typed } » n’est ni un jour du mois (de 1 à 31) ni un jour de la semaine comme { $example }
calendar-empty-item = « { $typed } » contient un élément vide dans une liste : écris une valeur de chaque côté de chaque virgule, par exemple { $example }
calendar-never = « { $typed } » n’arrive jamais ; essaie { $examples }
calendar-not-a-zone = « { $typed } » n’est pas un nom de fuseau horaire comme { $zone } ou { $other }

date-zoned = { date-weekday } { $day ->
    [1] 1er
   *[other] { $day }
} { date-month } { $year }, { $time } { $zone }
date-zoned-where = { date-zoned } ({ $tz })
date-weekday = { $weekday ->
    [mon] lun.
    [tue] mar.
    [wed] mer.
    [thu] jeu.
    [fri] ven.
    [sat] sam.
   *[sun] dim.
}
date-month = { $month ->
    [jan] janvier
    [feb] février
    [mar] mars
    [apr] avril
    [may] mai
    [jun] juin
    [jul] juillet
    [aug] août
    [sep] septembre
    [oct] octobre
    [nov] novembre
   *[dec] décembre
}
