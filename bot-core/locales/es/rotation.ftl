rotation-volunteer-fact = te ofreces para: { $roles }
rotation-unknown = No hay ningún servicio llamado “{ $name }”. { $any ->
    [yes] Servicios aquí: { $known }.
   *[no] Aún no hay servicios; quien administra puede añadir uno con { $add }.
}
rotation-serving-today = De servicio hoy: { $serving }.
rotation-exists = El servicio `{ $name }` ya existe.
rotation-too-many = Una reunión puede tener como mucho { $max } servicios.
rotation-added = Añadí el servicio { $name }. Las personas pueden ofrecerse con { $volunteer }.
rotation-removed = Quité el servicio { $name } y su rotación.
rotation-already-volunteer = Ya estás en la rotación de { $role }.
rotation-volunteered = ¡Gracias! Estás en la rotación de { $role } ({ $count ->
    [one] 1 persona voluntaria
   *[other] { $count } personas voluntarias
}).
rotation-not-volunteer = No estás en la rotación de { $role }.
rotation-left = { $today ->
    [yes] Dejaste el servicio de { $role } de hoy y saliste de su rotación. Gracias por tu servicio.
   *[no] Saliste de la rotación de { $role }. Gracias por tu servicio.
}
rotation-none = Aún no hay servicios. Quien administra puede añadir uno con { $add }.
rotation-list-heading = Servicios:
rotation-no-volunteers = aún no hay nadie
rotation-list-today = hoy: { $who }
rotation-list-next = próxima vez: { $who }
rotation-swapped-today = Hoy el servicio de { $role } lo hace { $who }.
rotation-swapped-next = En la próxima sesión, el servicio de { $role } lo hará { $who }.
rotation-nobody = Aún nadie se ha ofrecido para ningún servicio. Las personas pueden ofrecerse con { $volunteer }.
rotation-rotated = Rotación hecha. De servicio la próxima vez: { $serving }.
