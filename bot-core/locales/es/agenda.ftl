agenda-none = Esta reunión no tiene un formato que seguir. Una persona administradora puede elegir uno con { $choose } (mira { $list }).
agenda-checkin-how = Preséntate con { $checkin } (si quieres, con una palabra sobre cómo te sientes) o con { $listen } para solo escuchar.
agenda-waiting-hands = Levanta la mano con { $hand } para compartir; quien coordina empieza la ronda con { $start }.
agenda-waiting-checkins = Preséntate con { $checkin } para participar; cuando estemos todas las personas, quien coordina empieza la ronda con { $start }.
agenda-no-end = No se sabe a qué hora termina esta reunión, así que cada persona comparte { $each }. Quien coordina puede fijar el final con { $set }.
agenda-budget = Repartimos el tiempo hasta el cierre a las { $closing }: { $each } para cada una de las { $waiting ->
    [one] 1 persona
   *[other] { $waiting } personas
} que faltan por compartir; si alguien pasa o termina antes, las demás tienen más tiempo.
agenda-budget-hands = Repartimos el tiempo hasta el cierre a las { $closing }: con { $each } por persona, pueden compartir unas { $fit } de las { $waiting } personas que faltan, así que la ronda va por manos levantadas: primero quienes todavía no han compartido hoy.
agenda-part-ended = { $title } ha terminado.
agenda-last-part-over = Esa fue la última parte del orden del día. Quien coordina cierra la sesión con { $close }.
agenda-first-part = Esta es la primera parte del orden del día.
agenda-part-under-way = La parte { $n } ya está en marcha.
agenda-nothing-to-skip = No queda ninguna parte que saltar después de esta.
agenda-part-over-already = La parte { $n } ya terminó; para volver a ella usa { $go }.
agenda-part-skipped-already = La parte { $n } ya se va a saltar.
agenda-part-will-skip = La parte { $n }, { $title }, se saltará. { $go } la recupera.
agenda-over = El orden del día ha terminado. Quien coordina cierra la sesión con { $close }.
agenda-over-short = El orden del día ha terminado.
agenda-part-warning = { $title } — tiempo restante: { $left }, hasta las { $until }.
agenda-part-heading = Parte { $n } de { $total }:
agenda-part-begins = { $heading } { $title }.
agenda-part-begins-until = { $heading } { $title }, hasta las { $until } ({ $relative }).
agenda-read-by = Lee { $reader }.
agenda-reader-wanted = ¿A alguien le gustaría leerlo? Quien coordina pide una persona voluntaria.
agenda-discussion = Ahora los comentarios cruzados son bienvenidos.
agenda-silence = Tomemos un momento de silencio en grupo.
agenda-break = Tómate un respiro; seguimos al terminar.
agenda-listing-heading = Orden del día:
agenda-listing = { $heading } { $name }
agenda-entry-timed = { $about ->
    [yes] { $n }. { $from }–aprox. { $to } { $title }
   *[no] { $n }. { $from }–{ $to } { $title }
}
agenda-entry-from = { $n }. desde las { $from } { $title }
agenda-entry = { $n }. { $title }
agenda-entry-now = (ahora)
agenda-entry-done = (hecha)
agenda-entry-skipped = (saltada)
