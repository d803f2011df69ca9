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
time-in = em { $duration }
time-ago = há { $duration }

no-session = Não há nenhuma sessão aberta aqui. Quem coordena pode abrir uma com { $open }.
no-round = Nenhuma rodada de partilha está em andamento. Quem coordena pode começar uma com { $start }.
not-allowed = { $who ->
    [host] Só quem coordena ou administra pode usar
    [admin] Só quem administra pode usar
   *[member] Qualquer pessoa pode usar
} { $command }.
unknown-member = Não conheço ninguém chamado “{ $name }” aqui.
ambiguous-member = Mais de uma pessoa se chama “{ $name }”: por favor, mencione a pessoa em vez de digitar o nome.
that-name = esse nome
ordinal = { $n }º

button-hand = Levantar a mão
button-hand-down = Abaixar a mão
button-done = Terminei
button-pass = Passo

try-again = Algo deu errado do meu lado e nada foi alterado. Por favor, tente de novo daqui a pouco.
option-error = Não entendi { $option }: { $why }. Tente { $example }.
option-error-unnamed = Não entendi isso: { $why }. Tente { $example }.
discord-dm-only = O sharecircle conduz reuniões nos canais de um servidor: use-o lá, por favor.
discord-unknown-command = Não conheço mais esse comando: o Discord pode ainda estar atualizando a lista. Tente de novo em um minuto.
discord-old-form = Esse formulário é de uma versão anterior: por favor, use os comandos de barra.
discord-old-button = Esse botão é de uma versão anterior: por favor, use os comandos de barra.
