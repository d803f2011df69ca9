settings-share-time-too-short = Um tempo de partilha de menos de { $limit } é curto demais para partilhar alguma coisa. Tente { $example }.
settings-grace-too-long = A tolerância pode ser de no máximo { $limit }. Tente { $example }.
settings-schedule-grace-too-long = A tolerância das reuniões agendadas pode ser de no máximo { $limit }. Tente { $example }.
settings-idle-close-too-short = O encerramento por inatividade precisa ser de pelo menos { $limit }. Tente { $example }.
settings-meeting-too-short = Uma reunião precisa durar pelo menos { $limit }. Tente { $example }.
settings-share-time-set = Agora o tempo de partilha é de { $time }.
settings-warnings-none = Não haverá avisos antes de “tempo”.
settings-warnings-set = Haverá avisos { $warnings } antes do fim de cada vez.
settings-warnings-and = { $all } e { $next }
settings-grace-set = Depois de “tempo”, chamo a próxima pessoa após { $grace }.
settings-auto-advance-set = { $on ->
    [yes] As rodadas passam sozinhas para a próxima pessoa depois da tolerância.
   *[no] Depois de “tempo”, as rodadas esperam quem coordena usar { $next }.
}
settings-fairness-set = { $on ->
    [yes] A vez justa está ativada: quem já partilhou fica atrás de quem ainda não partilhou.
   *[no] A vez justa está desativada: a fila mantém a ordem em que as mãos foram levantadas.
}
settings-crosstalk-set = Agora a regra de conversa cruzada é { $policy ->
    [none] `none`
    [discussion] `discussion`
   *[open] `open`
}.
settings-host-role-set = As pessoas com o cargo { $role } coordenam aqui.
settings-timezone-set = Agora o fuso horário desta reunião é { $zone }. As reuniões já agendadas mantêm o próprio fuso.
settings-welcome-set = { $on ->
    [yes] Quem fizer check-in aqui pela primeira vez recebe boas-vindas em particular.
   *[no] Não envio mais boas-vindas, e não guardo registro de quem já fez check-in antes.
}
settings-attendance-on = A presença está ativada: cada check-in registra a data para aquela pessoa, guardada por { $days ->
    [one] 1 dia
   *[other] { $days } dias
}. Cada pessoa pode ver as suas com { $my_data }.
settings-attendance-off = A presença está desativada, e as datas guardadas até agora foram apagadas.
settings-min-share-set = Quando um formato divide o tempo até o encerramento, ninguém recebe menos de { $least }; se não der para todo mundo, a palavra é pedida levantando a mão.
settings-schedule-grace-set = Depois de uma interrupção, um lembrete ou uma abertura agendada com até { $grace } de atraso ainda acontece; os mais antigos são pulados.
settings-retention-set = As datas de presença são guardadas por { $days ->
    [one] 1 dia
   *[other] { $days } dias
}.
settings-idle-close-set = Uma sessão aberta sem atividade é encerrada depois de { $idle }.
settings-crisis-saved = { $own ->
    [yes] Salvo. Agora { $crisis } mostra o seu texto.
   *[no] Salvo. { $crisis } volta a mostrar os recursos padrão.
}
settings-crisis-default = Se você está em perigo ou pensando em tirar a própria vida, ligue agora para o número de emergência do seu país. No Brasil: 188 (CVV, apoio emocional gratuito, 24 horas), 192 (SAMU) ou 190 (Polícia Militar). Em Portugal e no resto da União Europeia: 112. Em findahelpline.com você encontra uma linha de apoio gratuita e confidencial no seu país. Você não precisa passar por isso sem ninguém, e pedir ajuda é um ato de coragem.
settings-list-heading = Configurações desta reunião:
settings-list-not-set = (não definido)
settings-list-welcome = welcome: { $on ->
    [on] on
   *[off] off
}{ $own ->
    [yes] {" "}(o texto próprio desta reunião)
   *[no] {""}
}
settings-list-crisis = crisis: { $own ->
    [yes] o texto próprio desta reunião
   *[no] o texto padrão
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
