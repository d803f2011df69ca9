privacy-erased-at-close = As palavras do check-in são apagadas dos meus registros e de todas as mensagens que publiquei; uma palavra que você digitou numa mensagem sua fica lá até você apagá-la.
privacy-nothing-stored = No momento não guardo nada sobre você. (As palavras do check-in são apagadas quando uma sessão é encerrada.)
privacy-everything-stored = Isto é tudo o que guardo sobre você:
privacy-here = Aqui
privacy-in-this-place = Neste lugar
privacy-elsewhere = Em outro lugar ({ $place })
privacy-erase-all = Para apagar tudo, use { $forget }.
privacy-forgotten = Pronto: apaguei tudo o que eu guardava sobre você, em todos os lugares. Se cuide.
privacy-checked-in = fez check-in às { $at }{ $how ->
    [listening] , só para ouvir
    [word] , com uma palavra sobre como está se sentindo (apagada quando a sessão for encerrada)
   *[plain] {""}
}
privacy-hand-up = mão levantada desde as { $since }
privacy-shared = você já partilhou nesta sessão (guardado para manter a ordem justa até a sessão ser encerrada)
privacy-in-order = você está na ordem da rodada atual
privacy-passed = você passou nesta rodada
privacy-serving = você serve como { $role } nesta sessão
privacy-attendance-dates = datas de presença (guardadas por { $days ->
    [one] 1 dia
   *[other] { $days } dias
}): { $dates }
privacy-display-name = o seu nome de exibição: { $name }
