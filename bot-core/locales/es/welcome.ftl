welcome-hello = Hola, y gracias por venir. Es tu primera vez en esta reunión, así que te cuento cómo funciona:
welcome-turns = En una ronda de compartir llamo a cada persona por turno y llevo el tiempo, para que cada quien tenga el mismo. Verás cuándo empieza y cuándo termina tu turno.
welcome-pass = Nunca tienes que compartir. { $pass } salta tu turno, antes de que llegue o cuando llegue, y lo único que digo es que pasaste. { $listen } significa que hoy prefieres solo escuchar.
welcome-hand = Para pedir la palabra, levanta la mano con { $hand }.
welcome-crisis = Si ahora mismo las cosas están difíciles, { $crisis } te muestra, en privado, dónde encontrar ayuda.
welcome-kept = Guardo tu nombre visible mientras participas, la fecha en que te presentaste por última vez (para darte la bienvenida solo una vez) y, si esta reunión registra la asistencia, las fechas en que viniste. Las palabras de presentación se borran cuando se cierra la sesión.
welcome-keeps = Nunca guardo lo que alguien comparte. { $my_data } muestra todo lo que guardo sobre ti, y { $forget } lo borra.
welcome-show-on = Quien se presenta aquí por primera vez recibe esto, en privado ({ $off } lo desactiva):
welcome-show-off = La bienvenida para quienes llegan por primera vez está desactivada ({ $on } la activa). Dice así:
welcome-set = La bienvenida de esta reunión está guardada. Quien llegue por primera vez la recibirá así:
welcome-reset = Quienes llegan por primera vez vuelven a recibir la bienvenida predeterminada (puedes verla con { $welcome }).
welcome-fact = que ya te presentaste aquí, la última vez el { $date } (se guarda { $days ->
    [one] 1 día
   *[other] { $days } días
}, para darte la bienvenida solo una vez)
