settings-share-time-too-short = Un tiempo para compartir de menos de { $limit } es demasiado corto para compartir algo. Prueba con { $example }.
settings-grace-too-long = El margen puede ser como mucho de { $limit }. Prueba con { $example }.
settings-schedule-grace-too-long = El margen de las reuniones programadas puede ser como mucho de { $limit }. Prueba con { $example }.
settings-idle-close-too-short = El cierre por inactividad debe ser de al menos { $limit }. Prueba con { $example }.
settings-meeting-too-short = Una reunión debe durar al menos { $limit }. Prueba con { $example }.
settings-share-time-set = Ahora el tiempo para compartir es de { $time }.
settings-warnings-none = No habrá avisos antes de “tiempo”.
settings-warnings-set = Habrá avisos { $warnings } antes del final de cada turno.
settings-warnings-and = { $all } y { $next }
settings-grace-set = Después de “tiempo”, llamo a la siguiente persona tras { $grace }.
settings-auto-advance-set = { $on ->
    [yes] Las rondas pasan solas a la siguiente persona después del margen.
   *[no] Después de “tiempo”, las rondas esperan a que quien coordina use { $next }.
}
settings-fairness-set = { $on ->
    [yes] El turno justo está activado: quienes ya compartieron van detrás de quienes aún no lo han hecho.
   *[no] El turno justo está desactivado: la cola mantiene el orden en que se levantaron las manos.
}
settings-crosstalk-set = Ahora la norma sobre conversación cruzada es { $policy ->
    [none] `none`
    [discussion] `discussion`
   *[open] `open`
}.
settings-host-role-set = Las personas con el rol { $role } coordinan aquí.
settings-timezone-set = Ahora la zona horaria de esta reunión es { $zone }. Las reuniones ya programadas mantienen su propia zona.
settings-welcome-set = { $on ->
    [yes] Quien se presente aquí por primera vez recibirá una bienvenida en privado.
   *[no] Ya no se envía ninguna bienvenida, y no guardo registro de quién se presentó antes.
}
settings-attendance-on = La asistencia está activada: cada vez que alguien se presenta, guardo la fecha para esa persona durante { $days ->
    [one] 1 día
   *[other] { $days } días
}. Cada persona puede ver las suyas con { $my_data }.
settings-attendance-off = La asistencia está desactivada, y las fechas guardadas hasta ahora se han borrado.
settings-min-share-set = Cuando un formato reparte el tiempo hasta el cierre, nadie recibe menos de { $least }; si no hay tiempo para todas las personas, se pide la palabra levantando la mano.
settings-schedule-grace-set = Después de una interrupción del servicio, un recordatorio o una apertura programada con hasta { $grace } de retraso aún se hace; los más antiguos se omiten.
settings-retention-set = Las fechas de asistencia se guardan durante { $days ->
    [one] 1 día
   *[other] { $days } días
}.
settings-idle-close-set = Una sesión abierta sin actividad se cierra tras { $idle }.
settings-crisis-saved = { $own ->
    [yes] Guardado. Ahora { $crisis } muestra tu texto.
   *[no] Guardado. { $crisis } vuelve a mostrar los recursos predeterminados.
}
settings-crisis-default = Si estás en peligro o piensas en quitarte la vida, llama ahora al número de emergencias de tu país (el 112 en España y en toda la Unión Europea; el 911 en México y en gran parte de América Latina). En findahelpline.com puedes encontrar una línea de ayuda gratuita y confidencial en tu país. No tienes que pasar por esto en soledad, y pedir ayuda es un acto de valentía.
settings-list-heading = Ajustes de esta reunión:
settings-list-not-set = (sin definir)
settings-list-welcome = welcome: { $on ->
    [on] on
   *[off] off
}{ $own ->
    [yes] {" "}(el texto propio de esta reunión)
   *[no] {""}
}
settings-list-crisis = crisis: { $own ->
    [yes] el texto propio de esta reunión
   *[no] el texto predeterminado
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
