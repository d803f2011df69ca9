session-open-welcome = Te damos la bienvenida. La sesión está abierta
session-opened = { $welcome }.
session-opened-named = { $welcome }: { $name }.
session-open-how = Preséntate con { $checkin } (si quieres, añade una palabra sobre cómo te sientes) o con { $listen } para solo escuchar. Levanta la mano con { $hand }.
session-checked-in = { $listening ->
    [yes] Te damos la bienvenida, { $name } (solo escucha).
   *[no] Te damos la bienvenida, { $name }.
}
session-checked-in-again = { $listening ->
    [yes] Actualizado: { $name } (solo escucha).
   *[no] Actualizado: { $name }.
}
session-roll-empty = Todavía nadie se ha presentado. Preséntate con { $checkin }.
session-roll = Presentes ({ $n }):
session-roll-listening = { $name } (escucha)

queue-hand-already-up = Ya tienes la mano levantada: estás en el { $place } lugar de la cola.
queue-closed-by-host = Quien coordina ha cerrado la cola por ahora.
queue-hand-up = Tienes la mano levantada: estás en el { $place } lugar de la cola.
queue-hand-not-up = No tienes la mano levantada.
queue-hand-down = Has bajado la mano.
queue-hand-down-okay = Has bajado la mano. Está bien.
queue-empty = { $closed ->
    [yes] No hay manos levantadas. La cola está cerrada.
   *[no] No hay manos levantadas.
}
queue-heading = { $closed ->
    [yes] Cola ({ $n }): La cola está cerrada.
   *[no] Cola ({ $n }):
}
queue-entry = { $n }. { $name } — con la mano levantada desde hace { $duration }
queue-no-hand-up = { $name } no tiene la mano levantada.
queue-lowered = Se bajó la mano de { $name }.
queue-moved = { $name } pasa al { $place } lugar de la cola.
queue-cleared = Se han bajado todas las manos.
queue-already-closed = La cola ya está cerrada.
queue-already-open = La cola ya está abierta.
queue-now-closed = La cola está cerrada por ahora: por favor, no levantes la mano de momento.
queue-now-open = La cola está abierta: levanta la mano con { $hand }.
queue-nobody-to-call = No hay ninguna mano levantada. Para empezar una ronda con tiempo, usa { $start }.
queue-floor = { $name }, tienes la palabra.

round-already-running = Ya hay una ronda en marcha. Termínala primero con { $end }.
round-not-your-turn = Ahora es el turno de { $name }; { $done } solo termina tu propio turno.
round-thank-you = Gracias, { $name }.
round-moving-on = Seguimos.
round-passed = { $name } pasa.
round-queue-nobody = No hay ninguna mano levantada, así que una ronda por cola no tiene a quién llamar. Se puede levantar la mano con { $hand }.
round-nobody-checked-in = Todavía nadie se ha presentado para compartir (a quienes solo escuchan no se les llama). Se puede usar { $checkin } o empezar una ronda con las manos levantadas con { $queue }.
round-share-round = Ronda de compartir
round-go-around = Ronda
round-opening = { $what }: { $each } por persona, { $order ->
    [checkin] en el orden de presentación
    [queue] según las manos levantadas
   *[shuffle] en un orden al azar
}. { $crosstalk ->
    [none] Sin comentarios cruzados: por favor, escucha sin responder a lo que se comparte.
    [discussion] Comentarios cruzados: por favor, guarda tus respuestas para la conversación después de la ronda.
   *[open] Los comentarios cruzados están abiertos: las respuestas amables son bienvenidas.
}
round-order = Orden: { $names }. Di { $pass } cuando quieras si prefieres no compartir.
round-call = { $name }, tienes la palabra: { $each }, hasta las { $until } ({ $relative }).
round-call-up-next = { $name }, tienes la palabra: { $each }, hasta las { $until } ({ $relative }). Después: { $next }.
round-ended-heading = La ronda ha terminado.
round-ended = { $ended } { $n ->
    [0] Esta vez nadie compartió, y está bien.
    [one] Compartió 1 persona.
   *[other] Compartieron { $n } personas.
} Gracias a todo el grupo.
round-already-passed = Ya has pasado en esta ronda.
round-pass-noted = Anotado: pasarás cuando llegue tu turno. Nadie oirá nada más que “pasa”.
round-turn-was-already = Tu turno en esta ronda ya pasó.
round-not-in-order = No estás en el orden de esta ronda, así que no hay nada que pasar. Puedes quedarte a escuchar: aquí también hay lugar para ti.
round-not-waiting = { $name } no está esperando turno en esta ronda.
round-will-skip = A { $name } se le saltará en esta ronda.
round-resuming = Continuamos.
round-time-word = Tiempo
round-time = { $time }, { $name }. Gracias por compartir; puedes ir cerrando tu idea.
round-time-host-calls = { $time }, { $name }. Gracias por compartir; puedes ir cerrando tu idea. Quien coordina llamará a la siguiente persona.
round-you-are-next = { $name }, vas después: tu turno va de { $from } a { $to }.
round-last-unless-hand = No hay manos levantadas: a menos que alguien levante la mano con { $hand } antes de las { $before }, ese fue el último turno de esta ronda.
round-last-share = Ese fue el último turno de esta ronda.

turn-extend-too-short = Alarga al menos un segundo, por ejemplo { $example }.
turn-extended-paused = { $name } tiene { $more } más (el reloj está en pausa).
turn-extended = { $name } tiene { $more } más, hasta las { $until } ({ $relative }).
turn-already-paused = La ronda ya está en pausa. Usa { $resume }.
turn-paused-word = En pausa.
turn-paused = { $paused } El reloj está detenido; tómate el tiempo que necesites.
turn-not-paused = La ronda no está en pausa.
turn-resumed = Seguimos: { $name }, tiempo restante: { $left }, hasta las { $until }.
turn-warning = { $name }, tiempo restante: { $left } (hasta las { $until }).

session-status-open = Sesión abierta
session-status = { $open } desde las { $since }. { $checkins ->
    [one] 1 persona presente
   *[other] { $checkins } personas presentes
}, { $hands ->
    [one] 1 mano levantada
   *[other] { $hands } manos levantadas
}.
session-status-named = { $open } desde las { $since }: { $name }. { $checkins ->
    [one] 1 persona presente
   *[other] { $checkins } personas presentes
}, { $hands ->
    [one] 1 mano levantada
   *[other] { $hands } manos levantadas
}.
session-status-part = Parte { $n } de { $total }: { $title }.
session-status-part-until = Parte { $n } de { $total }: { $title }, hasta las { $until }.
session-status-speaking = Habla: { $name }, hasta las { $until } (tiempo restante: { $left }).
session-status-speaking-paused = Habla: { $name } — en pausa, tiempo restante: { $left }.
session-status-speaking-time-up = Habla: { $name } — se acabó el tiempo.
session-status-round-running = Hay una ronda en marcha.
session-status-up-next = Después: { $name }.
