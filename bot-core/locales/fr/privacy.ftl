privacy-erased-at-close = Les mots de check-in sont effacés de mes données et de tous les messages que j’ai publiés ; un mot que tu as écrit dans un message à toi y reste jusqu’à ce que tu le supprimes.
privacy-nothing-stored = Je ne garde rien sur toi pour l’instant. (Les mots de check-in sont effacés à la fermeture d’une séance.)
privacy-everything-stored = Voici tout ce que je garde sur toi :
privacy-here = Ici
privacy-in-this-place = Dans ce lieu
privacy-elsewhere = Ailleurs ({ $place })
privacy-erase-all = Pour tout effacer, utilise { $forget }.
privacy-forgotten = C’est fait : j’ai effacé tout ce que je gardais sur toi, partout. Prends soin de toi.
privacy-checked-in = check-in fait à { $at }{ $how ->
    [listening] , juste pour écouter
    [word] , avec un mot sur ton ressenti (effacé à la fermeture de la séance)
   *[plain] {""}
}
privacy-hand-up = main levée depuis { $since }
privacy-shared = tu as déjà partagé dans cette séance (gardé pour l’équité jusqu’à sa fermeture)
privacy-in-order = tu fais partie de l’ordre du tour en cours
privacy-passed = tu as choisi de passer dans ce tour
privacy-serving = tu assures le rôle de { $role } dans cette séance
privacy-attendance-dates = dates de présence (gardées { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}) : { $dates }
privacy-display-name = ton nom d’affichage : { $name }
