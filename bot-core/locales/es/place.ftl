place-closed-headline = Sesión cerrada.
place-ended-headline = La reunión ha terminado.
place-idle-headline = Cierro la sesión tras { $idle } sin actividad.
place-session-closed = { $headline } Gracias por estar aquí. { $erased }

place-no-such-template = No existe esa plantilla; mira { $list }.
place-format-used = Ahora el formato de este lugar es { $name } ({ $parts ->
    [one] 1 parte
   *[other] { $parts } partes
}). { $show } lo muestra; pon los textos propios de tu grupo con { $text }.
place-format-off = Este lugar ya no tiene formato: las sesiones hacen rondas de compartir cuando quien coordina las empieza.
place-part-removed = Quité la parte { $number }, { $title }.
place-format-imported = Importé { $name } ({ $parts ->
    [one] 1 parte
   *[other] { $parts } partes
}). { $show } lo muestra.
place-no-such-time = Esa hora no existe en esta zona horaria.
place-meeting-ends = La reunión termina a las { $at }: el tiempo para compartir hasta el cierre se ajusta a esa hora.
place-agenda-follows = La agenda de hoy sigue el cambio.
place-agenda-kept = La reunión de hoy mantiene su agenda; el cambio se aplica desde la próxima sesión.
place-agenda-not-started = La sesión abierta aún no tiene agenda: { $go } la empieza ahora.
place-already-open = Ya hay una sesión abierta (desde las { $since }). Ciérrala primero con { $close }.
place-time-for = Es la hora de { $name }.
