welcome-hello = Olá, que bom que você veio. É a sua primeira vez nesta reunião, então aqui vai como ela funciona:
welcome-turns = Numa rodada de partilha eu chamo cada pessoa na sua vez e marco o tempo, para que todo mundo tenha o mesmo. Você vai ver quando a sua vez começa e quando termina.
welcome-pass = Você nunca precisa partilhar. { $pass } pula a sua vez, antes de ela chegar ou quando chegar, e eu só digo que você passou. { $listen } quer dizer que hoje você prefere só ouvir.
welcome-hand = Para pedir a palavra, levante a mão com { $hand }.
welcome-crisis = Se as coisas estão difíceis agora, { $crisis } mostra para você, em particular, onde encontrar ajuda.
welcome-kept = Guardo o seu nome de exibição enquanto você participa, a data do seu último check-in (para dar as boas-vindas só uma vez) e, se esta reunião registra presença, as datas em que você veio. As palavras do check-in são apagadas quando a sessão é encerrada.
welcome-keeps = Nunca guardo o que alguém partilha. { $my_data } mostra tudo o que guardo sobre você, e { $forget } apaga tudo.
welcome-show-on = Quem faz check-in aqui pela primeira vez recebe isto, em particular ({ $off } desativa):
welcome-show-off = As boas-vindas para quem chega pela primeira vez estão desativadas ({ $on } ativa). O texto é:
welcome-set = As boas-vindas desta reunião estão salvas. Quem chegar pela primeira vez vai receber assim:
welcome-reset = Quem chega pela primeira vez volta a receber as boas-vindas padrão (veja com { $welcome }).
welcome-fact = que você já fez check-in aqui, a última vez em { $date } (guardado por { $days ->
    [one] 1 dia
   *[other] { $days } dias
}, para dar as boas-vindas só uma vez)
