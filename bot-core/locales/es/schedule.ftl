schedule-exists = Ya hay una reunión programada llamada `{ $name }`. Quítala primero con { $remove }.
schedule-too-many = Una reunión puede tener como mucho { $max } programaciones.
schedule-added = Programado { $name }: { $when } en { $zone }, durante { $length }{ $reminder ->
    [yes] , con un recordatorio { $before } antes
   *[no] {""}
}.
schedule-added-next = Próxima: { $at }.
schedule-removed = Quité la programación { $name }.
schedule-unknown = No hay ninguna programación llamada “{ $name }”. { $any ->
    [yes] Programaciones aquí: { $known }.
   *[no] Aún no hay programaciones.
}
schedule-none = No hay reuniones programadas. Quien administra puede añadir una con { $add }.
schedule-list-heading = Reuniones programadas:
schedule-list-item = { $name } — { $when } ({ $zone }), { $length }{ $reminder ->
    [yes] , recordatorio { $before } antes
   *[no] {""}
}. { $next }
schedule-list-next = Próxima: { $at }
schedule-list-no-date = No tiene ninguna fecha futura.
schedule-next = La próxima reunión es { $name }: { $at } ({ $from_now }).{ $serves ->
    [yes] {" "}De servicio: { $serving }.
   *[no] {""}
}
schedule-next-none = No hay ninguna reunión programada. Quien administra puede añadir una con { $add }.
schedule-reminder = { $reminder }: { $name } empieza el { $at } ({ $from_now }).{ $serves ->
    [yes] {" "}De servicio: { $serving }.
   *[no] {""}
}
schedule-reminder-heading = Recordatorio
schedule-end-warning = Quedan { $left } de esta reunión (termina a las { $end }).
