schedule-exists = Il existe déjà une planification appelée `{ $name }`. Retire-la d’abord avec { $remove }.
schedule-too-many = Une réunion peut avoir au maximum { $max } planifications.
schedule-added = Planifié : { $name } : { $when } dans le fuseau { $zone }, pour { $length }{ $reminder ->
    [yes] , avec un rappel { $before } avant
   *[no] {""}
}.
schedule-added-next = Prochaine fois : { $at }.
schedule-removed = La planification { $name } est retirée.
schedule-unknown = Il n’y a pas de planification appelée « { $name } ». { $any ->
    [yes] Planifications ici : { $known }.
   *[no] Il n’y a pas encore de planification.
}
schedule-none = Aucune réunion n’est planifiée. Une personne qui administre peut en ajouter une avec { $add }.
schedule-list-heading = Réunions planifiées :
schedule-list-item = { $name } — { $when } ({ $zone }), { $length }{ $reminder ->
    [yes] , rappel { $before } avant
   *[no] {""}
}. { $next }
schedule-list-next = Prochaine fois : { $at }
schedule-list-no-date = Elle n’a aucune date à venir.
schedule-next = La prochaine réunion est { $name } : { $at } ({ $from_now }).{ $serves ->
    [yes] {" "}De service : { $serving }.
   *[no] {""}
}
schedule-next-none = Aucune réunion n’est planifiée. Une personne qui administre peut en ajouter une avec { $add }.
schedule-reminder = { $reminder } : { $name } commence le { $at } ({ $from_now }).{ $serves ->
    [yes] {" "}De service : { $serving }.
   *[no] {""}
}
schedule-reminder-heading = Rappel
schedule-end-warning = Il reste { $left } dans cette réunion (elle se termine à { $end }).
