voice-lost = ⚠ Ya no puedo cambiar quién habla en { $channel }: me falta { $missing } allí. La reunión sigue aquí por texto, y no tocaré la voz hasta que una persona administradora devuelva el permiso y vuelva a vincular el canal con { $link }.
voice-lost-still-muted = Para quien coordina: puede que haya dejado en silencio a estas personas; por favor, quítales el silencio a mano:
voice-floor-stage-started = Escenario iniciado: { $topic }
voice-floor-step = { $step ->
    [to-speakers] a oradores: { $names }
    [to-audience] de vuelta al público: { $names }
    [unmuted] sin silenciar: { $names }
   *[muted] silenciado: { $names }
}
voice-floor-stage-ended = Escenario terminado
voice-option-wrong-kind = { $kind ->
    [stage] Eso es para un canal de voz, y { $channel } es un escenario. En un escenario no se silencia a nadie: solo se pasa a quien habla a oradores.
   *[voice] Eso es para un escenario, y { $channel } es un canal de voz. Un canal de voz no tiene escenario que iniciar o terminar.
}
voice-none-linked = No hay ningún canal de voz ni escenario vinculado a esta reunión. Una persona administradora puede vincular uno con { $link } (Discord).
voice-linked-to = 🔊 Vinculado a { $channel } ({ $kind ->
    [stage] escenario
   *[voice] canal de voz
}).
voice-not-changing = ⚠ No cambio nada en la voz: me falta { $missing }. Devuélvemelo y luego usa { $link } otra vez.
voice-status = 🔊 { $channel }
voice-status-lost = 🔊 { $channel } · no cambio nada en la voz (falta un permiso)
voice-status-unmuted = 🔊 { $channel } · no se silencia a nadie
voice-fact-present = que estás en el canal de voz vinculado (se guarda mientras estés allí)
voice-fact-muted = que te silencié en el servidor durante esta ronda de compartir (se quita cuando termina o cuando sales)
voice-fact-unmuting = que estoy quitando un silencio de servidor que te puse
voice-fact-owed = que te debo quitar un silencio: saliste de la voz mientras te tenía en silencio, así que lo quito la próxima vez que entres a la voz aquí
voice-missing = No puedo moderar la palabra en { $channel }: me falta { $missing } allí. Dale a mi rol { $n ->
    [one] ese permiso
   *[other] esos permisos
} en los permisos del canal y luego vuelve a vincularlo.
voice-permission = { $permission ->
    [view-channel] Ver canal
    [manage-channels] Gestionar canales
    [mute-members] Silenciar miembros
   *[move-members] Mover miembros
}
voice-permissions-and = { $first } y { $last }
voice-the-linked-channel = el canal vinculado
voice-linked = 🔊 { $channel } ({ $kind ->
    [stage] escenario
   *[voice] canal de voz
}) queda vinculado a esta reunión.
voice-stage-how = Cuando empieza un turno, paso a quien habla a oradores y a la persona anterior de vuelta al público; nunca muevo a quien coordina ni a quienes moderan el escenario. Pedir la palabra levanta la mano.
voice-stage-by-me = Inicio el escenario cuando se abre una sesión y lo termino al cerrarla ({ $off } te lo deja a ti).
voice-stage-by-you = El escenario lo inician y terminan ustedes ({ $on } me deja hacerlo con la sesión).
voice-mute-on = Durante una ronda de compartir silencio a todas las personas del canal excepto a quien habla y a quien coordina, y les quito el silencio al terminar ({ $off } lo desactiva).
voice-mute-off = No silencio a nadie. { $on } silencia a todas las personas excepto a quien habla y a quien coordina durante las rondas de compartir (silencio de servidor; quito cada silencio que pongo).
voice-pause-opens = Un turno en pausa abre la palabra a todas las personas ({ $keep } se la deja a quien habla).
voice-pause-keeps = Un turno en pausa deja la palabra a quien habla ({ $open } la abre a todas las personas).
voice-not-linked = No hay ningún canal de voz ni escenario vinculado aquí; una persona administradora puede vincular uno con { $link }.
voice-no-channel = No encuentro ningún canal de voz ni escenario llamado “{ $name }” que pueda vincular aquí. Los canales de voz y los escenarios son de Discord; las llamadas de Matrix no tienen control de la palabra, así que allí la reunión va por texto.

# A Stage's topic when the session has no name.
voice-stage-topic = Reunión
