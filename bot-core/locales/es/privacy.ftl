privacy-erased-at-close = Las palabras de presentación se borran de lo que guardo y de todos los mensajes que publiqué; una palabra que escribiste en un mensaje tuyo se queda ahí hasta que lo borres.
privacy-nothing-stored = Ahora mismo no guardo nada sobre ti. (Las palabras de presentación se borran cuando se cierra una sesión.)
privacy-everything-stored = Esto es todo lo que guardo sobre ti:
privacy-here = Aquí
privacy-in-this-place = En este lugar
privacy-elsewhere = En otro lugar ({ $place })
privacy-erase-all = Para borrarlo todo, usa { $forget }.
privacy-forgotten = Listo: borré todo lo que guardaba sobre ti, en todos los lugares. Cuídate.
privacy-checked-in = te presentaste a las { $at }{ $how ->
    [listening] , solo para escuchar
    [word] , con una palabra sobre cómo te sientes (se borra cuando se cierra la sesión)
   *[plain] {""}
}
privacy-hand-up = mano levantada desde las { $since }
privacy-shared = ya compartiste en esta sesión (lo guardo para repartir los turnos con justicia hasta que se cierre)
privacy-in-order = estás en el orden de la ronda actual
privacy-passed = pasaste en esta ronda
privacy-serving = en esta sesión tu servicio es { $role }
privacy-attendance-dates = fechas de asistencia (se guardan { $days ->
    [one] 1 día
   *[other] { $days } días
}): { $dates }
privacy-display-name = tu nombre visible: { $name }
