calendar-examples = { $weekly }, { $weekly_days }, { $daily }, { $monthly } o una expresión cron como { $cron }
calendar-not-a-time = “{ $typed }” no es una hora como `19:00`
calendar-not-a-time-of-day = “{ $typed }” no es una hora del día (de 00:00 a 23:59)
calendar-unknown = no entiendo “{ $typed }” como horario de reunión; prueba { $examples }
calendar-unknown-name = no entiendo “{ $typed }” como horario de reunión (el nombre de una reunión programada es una sola palabra); prueba { $examples }
calendar-extra = “{ $typed }” después de la hora no es ni una zona horaria (como { $zone }) ni una duración (como { $duration })
calendar-missing = di cuándo es la reunión, por ejemplo { $examples }
calendar-write-like = escribe { $form }, por ejemplo { $example }
calendar-write-like-or = escribe { $form }, por ejemplo { $example } o { $other }
calendar-write-either = escribe { $form } o { $other }
calendar-not-weekday = “{ $typed }” no es un día de la semana ({ $days })
calendar-nth = “{ $typed }” debería ser { $choices }
calendar-not-day-of-month = “{ $typed }” no es un día del mes (del 1 al 31) ni un día de la semana como { $example }
calendar-empty-item = “{ $typed }” tiene un elemento vacío en una lista: escribe un valor a cada lado de cada coma, por ejemplo { $example }
calendar-never = “{ $typed }” no ocurre nunca; prueba { $examples }
calendar-not-a-zone = “{ $typed }” no es el nombre de una zona horaria como { $zone } o { $other }

date-zoned = { date-weekday }, { $day } de { date-month } de { $year }, { $time } { $zone }
date-zoned-where = { date-zoned } ({ $tz })
date-weekday = { $weekday ->
    [mon] lun
    [tue] mar
    [wed] mié
    [thu] jue
    [fri] vie
    [sat] sáb
   *[sun] dom
}
date-month = { $month ->
    [jan] enero
    [feb] febrero
    [mar] marzo
    [apr] abril
    [may] mayo
    [jun] junio
    [jul] julio
    [aug] agosto
    [sep] septiembre
    [oct] octubre
    [nov] noviembre
   *[dec] diciembre
}
