session-open-welcome = Boas-vindas. A sessão está aberta
session-opened = { $welcome }.
session-opened-named = { $welcome }: { $name }.
session-open-how = Faça check-in com { $checkin } (se quiser, acrescente uma palavra sobre como você está) ou com { $listen } para só ouvir. Levante a mão com { $hand }.
session-checked-in = { $listening ->
    [yes] Boas-vindas, { $name } (só ouvindo).
   *[no] Boas-vindas, { $name }.
}
session-checked-in-again = { $listening ->
    [yes] Atualizado: { $name } (só ouvindo).
   *[no] Atualizado: { $name }.
}
session-roll-empty = Ninguém fez check-in ainda. Faça check-in com { $checkin }.
session-roll = Check-in feito ({ $n }):
session-roll-listening = { $name } (ouvindo)

queue-hand-already-up = Sua mão já está levantada: você está em { $place } lugar na fila.
queue-closed-by-host = Quem coordena fechou a fila por enquanto.
queue-hand-up = Sua mão está levantada: você está em { $place } lugar na fila.
queue-hand-not-up = Sua mão não está levantada.
queue-hand-down = Sua mão foi abaixada.
queue-hand-down-okay = Sua mão foi abaixada. Tudo bem.
queue-empty = { $closed ->
    [yes] Nenhuma mão levantada. A fila está fechada.
   *[no] Nenhuma mão levantada.
}
queue-heading = { $closed ->
    [yes] Fila ({ $n }): A fila está fechada.
   *[no] Fila ({ $n }):
}
queue-entry = { $n }. { $name } — com a mão levantada há { $duration }
queue-no-hand-up = { $name } não está com a mão levantada.
queue-lowered = A mão de { $name } foi abaixada.
queue-moved = { $name } agora está em { $place } lugar na fila.
queue-cleared = Todas as mãos foram abaixadas.
queue-already-closed = A fila já está fechada.
queue-already-open = A fila já está aberta.
queue-now-closed = A fila está fechada por enquanto: por favor, sem novas mãos levantadas.
queue-now-open = A fila está aberta: levante a mão com { $hand }.
queue-nobody-to-call = Nenhuma mão está levantada. Para começar uma rodada com tempo, use { $start }.
queue-floor = { $name }, a palavra é sua.

round-already-running = Já há uma rodada em andamento. Encerre-a primeiro com { $end }.
round-not-your-turn = Agora é a vez de { $name }; { $done } encerra só a sua própria vez.
round-thank-you = Agradecemos, { $name }.
round-moving-on = Vamos seguir.
round-passed = { $name } passou.
round-queue-nobody = Nenhuma mão está levantada, então uma rodada pela fila não tem ninguém para chamar. É possível levantar a mão com { $hand }.
round-nobody-checked-in = Ninguém fez check-in para partilhar ainda (quem só ouve não é chamado). Dá para usar { $checkin } ou começar uma rodada pelas mãos levantadas com { $queue }.
round-share-round = Rodada de partilha
round-go-around = Rodada
round-opening = { $what }: { $each } para cada pessoa, { $order ->
    [checkin] na ordem do check-in
    [queue] pelas mãos levantadas
   *[shuffle] em ordem sorteada
}. { $crosstalk ->
    [none] Sem comentários cruzados: por favor, ouça sem responder às partilhas.
    [discussion] Comentários cruzados: por favor, guarde suas respostas para a conversa depois da rodada.
   *[open] Os comentários cruzados estão abertos: respostas gentis são bem-vindas.
}
round-order = Ordem: { $names }. Diga { $pass } a qualquer momento se preferir não partilhar.
round-call = { $name }, a palavra é sua: { $each }, até { $until } ({ $relative }).
round-call-up-next = { $name }, a palavra é sua: { $each }, até { $until } ({ $relative }). Em seguida: { $next }.
round-ended-heading = A rodada terminou.
round-ended = { $ended } { $n ->
    [0] Ninguém partilhou desta vez, e está tudo bem.
    [one] 1 pessoa partilhou.
   *[other] { $n } pessoas partilharam.
} Agradecemos a todo mundo.
round-already-passed = Você já passou nesta rodada.
round-pass-noted = Anotado: você vai passar quando chegar sua vez. Ninguém vai ouvir nada além de “passou”.
round-turn-was-already = Sua vez nesta rodada já passou.
round-not-in-order = Você não está na ordem desta rodada, então não há nada para passar. Fique à vontade para só ouvir.
round-not-waiting = { $name } não está esperando a vez nesta rodada.
round-will-skip = A vez de { $name } será pulada nesta rodada.
round-resuming = Retomando.
round-time-word = Tempo
round-time = { $time }, { $name }. Agradecemos sua partilha; pode ir concluindo seu pensamento.
round-time-host-calls = { $time }, { $name }. Agradecemos sua partilha; pode ir concluindo seu pensamento. Quem coordena vai chamar a próxima pessoa.
round-you-are-next = { $name }, você é a próxima pessoa: sua vez vai de { $from } a { $to }.
round-last-unless-hand = Nenhuma mão levantada: a menos que alguém levante a mão com { $hand } antes de { $before }, essa foi a última partilha desta rodada.
round-last-share = Essa foi a última partilha desta rodada.

turn-extend-too-short = Estenda por pelo menos um segundo, por exemplo { $example }.
turn-extended-paused = { $name } tem { $more } a mais (o relógio está pausado).
turn-extended = { $name } tem { $more } a mais, até { $until } ({ $relative }).
turn-already-paused = A rodada já está pausada. Use { $resume }.
turn-paused-word = Pausa.
turn-paused = { $paused } O relógio está parado; use o tempo de que precisar.
turn-not-paused = A rodada não está pausada.
turn-resumed = Retomado: { $name }, tempo restante: { $left }, até { $until }.
turn-warning = { $name }, tempo restante: { $left } (até { $until }).

session-status-open = Sessão aberta
session-status = { $open } desde { $since }. { $checkins ->
    [one] 1 check-in
   *[other] { $checkins } check-ins
}, { $hands ->
    [one] 1 mão levantada
   *[other] { $hands } mãos levantadas
}.
session-status-named = { $open } desde { $since }: { $name }. { $checkins ->
    [one] 1 check-in
   *[other] { $checkins } check-ins
}, { $hands ->
    [one] 1 mão levantada
   *[other] { $hands } mãos levantadas
}.
session-status-part = Parte { $n } de { $total }: { $title }.
session-status-part-until = Parte { $n } de { $total }: { $title }, até { $until }.
session-status-speaking = Com a palavra: { $name }, até { $until } (tempo restante: { $left }).
session-status-speaking-paused = Com a palavra: { $name } — pausado, tempo restante: { $left }.
session-status-speaking-time-up = Com a palavra: { $name } — o tempo acabou.
session-status-round-running = Há uma rodada em andamento.
session-status-up-next = Em seguida: { $name }.
