agenda-none = Esta reunião não tem um formato a seguir. Uma pessoa administradora pode escolher um com { $choose } (veja { $list }).
agenda-checkin-how = Faça check-in com { $checkin } (se quiser, com uma palavra sobre como você está) ou com { $listen } para só ouvir.
agenda-waiting-hands = Levante a mão com { $hand } para partilhar; quem coordena começa a rodada com { $start }.
agenda-waiting-checkins = Faça check-in com { $checkin } para participar; quando todo mundo estiver aqui, quem coordena começa a rodada com { $start }.
agenda-no-end = Não se sabe a que horas esta reunião termina, então cada pessoa partilha por { $each }. Quem coordena pode definir o fim com { $set }.
agenda-budget = Dividimos o tempo até o encerramento às { $closing }: { $each } para cada uma das { $waiting ->
    [one] 1 pessoa
   *[other] { $waiting } pessoas
} que ainda vão partilhar; se alguém passar ou terminar antes, as outras ganham mais tempo.
agenda-budget-hands = Dividimos o tempo até o encerramento às { $closing }: com { $each } para cada pessoa, cerca de { $fit } das { $waiting } pessoas podem partilhar, então a rodada segue pelas mãos levantadas: primeiro quem ainda não partilhou hoje.
agenda-part-ended = { $title } terminou.
agenda-last-part-over = Essa foi a última parte da pauta. Quem coordena encerra a sessão com { $close }.
agenda-first-part = Esta é a primeira parte da pauta.
agenda-part-under-way = A parte { $n } já está em andamento.
agenda-nothing-to-skip = Não resta nenhuma parte para pular depois desta.
agenda-part-over-already = A parte { $n } já terminou; para voltar a ela, use { $go }.
agenda-part-skipped-already = A parte { $n } já vai ser pulada.
agenda-part-will-skip = A parte { $n }, { $title }, será pulada. { $go } a traz de volta.
agenda-over = A pauta terminou. Quem coordena encerra a sessão com { $close }.
agenda-over-short = A pauta terminou.
agenda-part-warning = { $title } — tempo restante: { $left }, até { $until }.
agenda-part-heading = Parte { $n } de { $total }:
agenda-part-begins = { $heading } { $title }.
agenda-part-begins-until = { $heading } { $title }, até { $until } ({ $relative }).
agenda-read-by = Leitura: { $reader }.
agenda-reader-wanted = Alguém gostaria de ler? Quem coordena pede uma pessoa voluntária.
agenda-discussion = Agora os comentários cruzados são bem-vindos.
agenda-silence = Vamos fazer um momento de silêncio em grupo.
agenda-break = Respire um pouco; continuamos ao final.
agenda-listing-heading = Pauta:
agenda-listing = { $heading } { $name }
agenda-entry-timed = { $about ->
    [yes] { $n }. { $from }–cerca de { $to } { $title }
   *[no] { $n }. { $from }–{ $to } { $title }
}
agenda-entry-from = { $n }. a partir de { $from } { $title }
agenda-entry = { $n }. { $title }
agenda-entry-now = (agora)
agenda-entry-done = (feita)
agenda-entry-skipped = (pulada)
