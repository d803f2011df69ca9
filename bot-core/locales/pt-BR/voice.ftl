voice-lost = ⚠ Não consigo mais mudar quem fala em { $channel }: me falta { $missing } lá. A reunião continua aqui por texto, e não vou mexer na voz até que uma pessoa administradora devolva a permissão e vincule o canal de novo com { $link }.
voice-lost-still-muted = Para quem coordena: talvez eu tenha deixado estas pessoas silenciadas; por favor, tirem o silêncio delas manualmente:
voice-floor-stage-started = Palco iniciado: { $topic }
voice-floor-step = { $step ->
    [to-speakers] para o palco: { $names }
    [to-audience] de volta à plateia: { $names }
    [unmuted] sem silêncio: { $names }
   *[muted] com silêncio: { $names }
}
voice-floor-stage-ended = Palco encerrado
voice-option-wrong-kind = { $kind ->
    [stage] Isso é para um canal de voz, e { $channel } é um palco. Num palco ninguém é silenciado: só quem fala sobe ao palco.
   *[voice] Isso é para um palco, e { $channel } é um canal de voz. Um canal de voz não tem palco para iniciar ou encerrar.
}
voice-none-linked = Nenhum canal de voz ou palco está vinculado a esta reunião. Uma pessoa administradora pode vincular um com { $link } (Discord).
voice-linked-to = 🔊 Vinculado a { $channel } ({ $kind ->
    [stage] palco
   *[voice] canal de voz
}).
voice-not-changing = ⚠ Não estou mudando nada na voz: me falta { $missing }. Devolva a permissão e depois use { $link } de novo.
voice-status = 🔊 { $channel }
voice-status-lost = 🔊 { $channel } · sem mudanças na voz (falta uma permissão)
voice-status-unmuted = 🔊 { $channel } · ninguém é silenciado
voice-fact-present = que você está no canal de voz vinculado (guardado enquanto você estiver lá)
voice-fact-muted = que eu silenciei você no servidor durante esta rodada de partilha (retirado quando ela terminar ou quando você sair)
voice-fact-unmuting = que estou tirando um silêncio de servidor que coloquei em você
voice-fact-owed = que eu lhe devo tirar um silêncio: você saiu da voz enquanto eu mantinha seu áudio silenciado, então eu o retiro na próxima vez que você entrar na voz aqui
voice-missing = Não consigo conduzir a palavra em { $channel }: me falta { $missing } lá. Dê ao meu cargo { $n ->
    [one] essa permissão
   *[other] essas permissões
} nas permissões do canal e depois vincule-o de novo.
voice-permission = { $permission ->
    [view-channel] Ver canal
    [manage-channels] Gerenciar canais
    [mute-members] Silenciar membros
   *[move-members] Mover membros
}
voice-permissions-and = { $first } e { $last }
voice-the-linked-channel = o canal vinculado
voice-linked = 🔊 { $channel } ({ $kind ->
    [stage] palco
   *[voice] canal de voz
}) foi vinculado a esta reunião.
voice-stage-how = Quando a vez de alguém começa, levo essa pessoa para o palco e a anterior de volta à plateia; quem coordena e quem modera o palco nunca são movidos. Um pedido para falar levanta a mão.
voice-stage-by-me = Eu inicio o palco quando uma sessão abre e o encerro no fim ({ $off } deixa isso com vocês).
voice-stage-by-you = Vocês iniciam e encerram o palco ({ $on } me deixa fazer isso junto com a sessão).
voice-mute-on = Durante uma rodada de partilha, silencio todo mundo no canal menos quem fala e quem coordena, e tiro o silêncio quando ela termina ({ $off } desativa isso).
voice-mute-off = Não silencio ninguém. { $on } silencia todo mundo menos quem fala e quem coordena durante as rodadas de partilha (silêncio de servidor; eu tiro todo silêncio que coloco).
voice-pause-opens = Quando a vez de alguém está pausada, a palavra fica aberta para todo mundo ({ $keep } a deixa com quem fala).
voice-pause-keeps = Quando a vez de alguém está pausada, a palavra continua com quem fala ({ $open } a abre para todo mundo).
voice-not-linked = Nenhum canal de voz ou palco está vinculado aqui; uma pessoa administradora pode vincular um com { $link }.
voice-no-channel = Não encontro nenhum canal de voz ou palco chamado “{ $name }” que eu possa vincular aqui. Canais de voz e palcos são do Discord; as chamadas do Matrix não têm controle da palavra, então lá a reunião acontece por texto.

# A Stage's topic when the session has no name.
voice-stage-topic = Reunião
