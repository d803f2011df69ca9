calendar-examples = { $weekly }, { $weekly_days }, { $daily }, { $monthly } ou uma expressão cron como { $cron }
calendar-not-a-time = “{ $typed }” não é um horário como `19:00`
calendar-not-a-time-of-day = “{ $typed }” não é um horário do dia (de 00:00 a 23:59)
calendar-unknown = não entendi “{ $typed }” como horário de reunião; tente { $examples }
calendar-unknown-name = não entendi “{ $typed }” como horário de reunião (o nome de uma reunião agendada é uma palavra só); tente { $examples }
calendar-extra = “{ $typed }” depois do horário não é um fuso horário (como { $zone }) nem uma duração (como { $duration })
calendar-missing = diga quando é a reunião, por exemplo { $examples }
calendar-write-like = escreva { $form }, por exemplo { $example }
calendar-write-like-or = escreva { $form }, por exemplo { $example } ou { $other }
calendar-write-either = escreva { $form } ou { $other }
calendar-not-weekday = “{ $typed }” não é um dia da semana ({ $days })
calendar-nth = “{ $typed }” deveria ser { $choices }
calendar-not-day-of-month = “{ $typed }” não é um dia do mês (de 1 a 31) nem um dia da semana como { $example }
calendar-empty-item = “{ $typed }” tem um item vazio numa lista: escreva um valor de cada lado de cada vírgula, por exemplo { $example }
calendar-never = “{ $typed }” nunca acontece; tente { $examples }
calendar-not-a-zone = “{ $typed }” não é o nome de um fuso horário como { $zone } ou { $other }

date-zoned = { date-weekday }, { $day } de { date-month } de { $year }, { $time } { $zone }
date-zoned-where = { date-zoned } ({ $tz })
date-weekday = { $weekday ->
    [mon] seg
    [tue] ter
    [wed] qua
    [thu] qui
    [fri] sex
    [sat] sáb
   *[sun] dom
}
date-month = { $month ->
    [jan] janeiro
    [feb] fevereiro
    [mar] março
    [apr] abril
    [may] maio
    [jun] junho
    [jul] julho
    [aug] agosto
    [sep] setembro
    [oct] outubro
    [nov] novembro
   *[dec] dezembro
}
