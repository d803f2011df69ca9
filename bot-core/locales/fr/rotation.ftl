rotation-volunteer-fact = les rôles pour lesquels tu te proposes : { $roles }
rotation-unknown = Il n’y a pas de rôle de service « { $name } ». { $any ->
    [yes] Rôles ici : { $known }.
   *[no] Il n’y a pas encore de rôle de service ; une personne qui administre peut en ajouter un avec { $add }.
}
rotation-serving-today = De service aujourd’hui : { $serving }.
rotation-exists = Le rôle de service `{ $name }` existe déjà.
rotation-too-many = Une réunion peut avoir au maximum { $max } rôles de service.
rotation-added = Le rôle de service { $name } est ajouté. Chacun et chacune peut se proposer avec { $volunteer }.
rotation-removed = Le rôle de service { $name } et sa rotation sont retirés.
rotation-already-volunteer = Tu fais déjà partie de la rotation { $role }.
rotation-volunteered = Merci ! Tu fais partie de la rotation { $role } ({ $count ->
    [one] { $count } volontaire
   *[other] { $count } volontaires
}).
rotation-not-volunteer = Tu ne fais pas partie de la rotation { $role }.
rotation-left = { $today ->
    [yes] Tu laisses le rôle de { $role } d’aujourd’hui et tu quittes sa rotation. Merci pour ton service.
   *[no] Tu as quitté la rotation { $role }. Merci pour ton service.
}
rotation-none = Il n’y a pas encore de rôle de service. Une personne qui administre peut en ajouter un avec { $add }.
rotation-list-heading = Rôles de service :
rotation-no-volunteers = pas encore de volontaire
rotation-list-today = aujourd’hui : { $who }
rotation-list-next = la prochaine fois : { $who }
rotation-swapped-today = Aujourd’hui, le rôle de { $role } revient maintenant à { $who }.
rotation-swapped-next = À la prochaine séance, le rôle de { $role } reviendra à { $who }.
rotation-nobody = Aucun rôle de service n’a encore de volontaire. Chacun et chacune peut se proposer avec { $volunteer }.
rotation-rotated = Rotation faite. De service la prochaine fois : { $serving }.
