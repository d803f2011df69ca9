status-session-open = Sessão aberta
status-head = { $open } · desde { $since }
status-head-named = { $open }: { $name } · desde { $since }
status-no-round = Nenhuma rodada de partilha em andamento.
status-react-for-hand = Reaja com ✋ para levantar a mão; retire a reação para abaixá-la. Ou use { $hand }.
status-session-closed = Sessão encerrada.
status-closed = { $closed } Que bom que você esteve aqui.
status-part-times = { $about ->
    [yes] { $from }–cerca de { $to }
   *[no] { $from }–{ $to }
}
status-next-part = a seguir: { $title }
status-round-paused = Rodada de partilha pausada
status-round-head = { $how ->
    [paused] { $round } · { $each } para cada pessoa, nesta ordem:
    [auto] { $round } · { $each } para cada pessoa; o plano se todo mundo usar todo o seu tempo:
   *[host] { $round } · { $each } para cada pessoa; quem coordena chama cada pessoa, nesta ordem:
}
status-nobody-waiting = Ninguém mais está esperando para partilhar.
status-turn-live = { $n }. { $name } · { $from }–{ $to } ({ $relative })
status-turn = { $n }. { $name } · { $from }–{ $to }
status-turn-paused = { $n }. { $name } · ⏸️ pausado
status-turn-time-up = { $n }. { $name } · o tempo acabou
status-turn-unplanned = { $n }. { $name }
status-more = … e mais { $n }
status-more-hands = … e mais { $n }: { $queue }
status-queue-empty-heading = Fila:
status-queue-empty = { $closed ->
    [yes] { $queue } nenhuma mão levantada · fechada
   *[no] { $queue } nenhuma mão levantada
}
status-queue-heading = Fila
status-queue = { $closed ->
    [yes] { $queue } ({ $n }) · fechada:
   *[no] { $queue } ({ $n }):
}
status-hand-live = { $n }. { $name } · mão levantada { $raised }
status-hand = { $n }. { $name } · mão levantada desde { $raised }
status-roll-count = Check-ins: { $n }
status-roll-nobody = Check-ins: ninguém ainda
status-roll-heading = Check-ins
status-roll = { $checked_in } ({ $n }):
status-roll-listening = { $name } (ouvindo)
