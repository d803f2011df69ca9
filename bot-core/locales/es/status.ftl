status-session-open = Sesión abierta
status-head = { $open } · desde las { $since }
status-head-named = { $open }: { $name } · desde las { $since }
status-no-round = No hay ninguna ronda de compartir en marcha.
status-react-for-hand = Reacciona con ✋ para levantar la mano; quita la reacción para bajarla. O usa { $hand }.
status-session-closed = Sesión cerrada.
status-closed = { $closed } Gracias por estar aquí.
status-part-times = { $about ->
    [yes] { $from }–aprox. { $to }
   *[no] { $from }–{ $to }
}
status-next-part = después: { $title }
status-round-paused = Ronda de compartir en pausa
status-round-head = { $how ->
    [paused] { $round } · { $each } por persona, en este orden:
    [auto] { $round } · { $each } por persona; el plan si cada quien usa todo su tiempo:
   *[host] { $round } · { $each } por persona; quien coordina llama a cada persona, en este orden:
}
status-nobody-waiting = Nadie más espera para compartir.
status-turn-live = { $n }. { $name } · { $from }–{ $to } ({ $relative })
status-turn = { $n }. { $name } · { $from }–{ $to }
status-turn-paused = { $n }. { $name } · ⏸️ en pausa
status-turn-time-up = { $n }. { $name } · se acabó el tiempo
status-turn-unplanned = { $n }. { $name }
status-more = … y { $n } más
status-more-hands = … y { $n } más: { $queue }
status-queue-empty-heading = Cola:
status-queue-empty = { $closed ->
    [yes] { $queue } no hay manos levantadas · cerrada
   *[no] { $queue } no hay manos levantadas
}
status-queue-heading = Cola
status-queue = { $closed ->
    [yes] { $queue } ({ $n }) · cerrada:
   *[no] { $queue } ({ $n }):
}
status-hand-live = { $n }. { $name } · mano levantada { $raised }
status-hand = { $n }. { $name } · mano levantada desde las { $raised }
status-roll-count = Presentes: { $n }
status-roll-nobody = Presentes: nadie todavía
status-roll-heading = Presentes
status-roll = { $checked_in } ({ $n }):
status-roll-listening = { $name } (escucha)
