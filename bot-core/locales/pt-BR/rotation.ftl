rotation-volunteer-fact = você se ofereceu para: { $roles }
rotation-unknown = Não existe nenhum serviço chamado “{ $name }”. { $any ->
    [yes] Serviços aqui: { $known }.
   *[no] Ainda não há serviços; quem administra pode adicionar um com { $add }.
}
rotation-serving-today = Em serviço hoje: { $serving }.
rotation-exists = O serviço `{ $name }` já existe.
rotation-too-many = Uma reunião pode ter no máximo { $max } serviços.
rotation-added = Adicionei o serviço { $name }. As pessoas podem se oferecer com { $volunteer }.
rotation-removed = Removi o serviço { $name } e o seu rodízio.
rotation-already-volunteer = Você já está no rodízio de { $role }.
rotation-volunteered = Obrigado! Você está no rodízio de { $role } ({ $count ->
    [one] 1 pessoa voluntária
   *[other] { $count } pessoas voluntárias
}).
rotation-not-volunteer = Você não está no rodízio de { $role }.
rotation-left = { $today ->
    [yes] Você deixou o serviço de { $role } de hoje e saiu do rodízio. Obrigado por servir.
   *[no] Você saiu do rodízio de { $role }. Obrigado por servir.
}
rotation-none = Ainda não há serviços. Quem administra pode adicionar um com { $add }.
rotation-list-heading = Serviços:
rotation-no-volunteers = ainda sem pessoas voluntárias
rotation-list-today = hoje: { $who }
rotation-list-next = próxima vez: { $who }
rotation-swapped-today = Hoje o serviço de { $role } fica com { $who }.
rotation-swapped-next = Na próxima sessão, o serviço de { $role } fica com { $who }.
rotation-nobody = Nenhum serviço tem pessoas voluntárias ainda. As pessoas podem se oferecer com { $volunteer }.
rotation-rotated = Rodízio feito. Em serviço na próxima vez: { $serving }.
