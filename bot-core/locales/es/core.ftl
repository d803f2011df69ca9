duration-hours = { $n ->
    [one] 1 hora
   *[other] { $n } horas
}
duration-minutes = { $n ->
    [one] 1 minuto
   *[other] { $n } minutos
}
duration-seconds = { $n ->
    [one] 1 segundo
   *[other] { $n } segundos
}
time-in = en { $duration }
time-ago = hace { $duration }

no-session = No hay ninguna sesión abierta aquí. Quien coordina puede abrir una con { $open }.
no-round = No hay ninguna ronda de compartir en curso. Quien coordina puede empezar una con { $start }.
not-allowed = { $who ->
    [host] Solo quien coordina o administra puede usar
    [admin] Solo quien administra puede usar
   *[member] Cualquier persona puede usar
} { $command }.
unknown-member = No conozco a nadie llamado “{ $name }” aquí.
ambiguous-member = Hay más de una persona llamada “{ $name }”: por favor, menciónala en lugar de escribir el nombre.
that-name = ese nombre
ordinal = { $n }.º

button-hand = Levantar la mano
button-hand-down = Bajar la mano
button-done = Terminé
button-pass = Paso

try-again = Algo falló de mi lado y no se cambió nada. Por favor, inténtalo de nuevo en un momento.
option-error = No entendí { $option }: { $why }. Prueba con { $example }.
option-error-unnamed = No entendí eso: { $why }. Prueba con { $example }.
discord-dm-only = sharecircle organiza reuniones en los canales de un servidor: úsalo allí, por favor.
discord-unknown-command = Ya no conozco ese comando: puede que Discord aún esté actualizando la lista. Inténtalo de nuevo en un minuto.
discord-old-form = Ese formulario es de una versión anterior: por favor, usa los comandos con barra.
discord-old-button = Ese botón es de una versión anterior: por favor, usa los comandos con barra.
