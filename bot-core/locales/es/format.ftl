format-kind = { $kind ->
    [text] text
    [reading] reading
    [silence] silence
    [checkin] checkin
    [share] share
    [discussion] discussion
    [announcements] announcements
    [break] break
   *[closing] closing
}
format-describe-until-closing = el tiempo hasta el cierre repartido por igual
format-describe-each = { $time } cada persona
format-describe-share-time-each = el tiempo para compartir para cada persona
format-describe-order = orden { $order ->
    [checkin] checkin
    [shuffle] shuffle
   *[queue] queue
}
format-describe-crosstalk = conversación cruzada { $policy ->
    [none] none
    [discussion] discussion
   *[open] open
}
format-describe-read-by = lo lee quien tiene el servicio { $role }
format-text-size = texto de { $chars ->
    [one] 1 carácter
   *[other] { $chars } caracteres
}
format-part-refused = Parte { $number }: { $why }.
format-until-closing-share-only = solo una parte de compartir puede usar el tiempo hasta el cierre
format-needs-time = una parte { $kind } necesita un tiempo, como `{ $example }`
format-order-share-only = solo una parte de compartir tiene un orden
format-crosstalk-share-only = solo una parte de compartir o de conversación tiene una norma sobre conversación cruzada
format-role-reading-only = solo una lectura la lee alguien con un servicio
format-unknown-kind = “{ $kind }” no es un tipo de parte; los tipos son { $kinds }
format-no-parts-yet = El formato aún no tiene partes. Añade una con { $add }.
format-parts-there-are = { $parts ->
    [one] Solo hay una parte, la 1.
   *[other] Hay partes de la 1 a la { $parts }.
}
format-too-many-parts = Un formato tiene como mucho { $max } partes; quita una primero con { $remove }.
format-last-part = Un formato necesita al menos una parte. Para hacer reuniones sin formato, usa { $off }.
format-show = { $heading }{ $name } ({ $parts ->
    [one] 1 parte
   *[other] { $parts } partes
})
format-show-heading = Formato:{" "}
format-none = Este lugar no tiene formato de reunión: las sesiones hacen rondas de compartir cuando quien coordina las empieza. Quien administra puede partir de una plantilla con { $template } (mira { $list }) o crear uno con { $add }.
format-export = El formato de este lugar como documento: guárdalo, edítalo y devuélvemelo con { $import }.
format-templates = Plantillas para empezar (las lecturas son marcadores para los textos propios de tu grupo):
format-part-said = { $verb ->
    [added] Añadí
    [moved] Moví
   *[changed] Cambié
} la parte { $number }: { $title }
format-part-done = { $verb ->
    [added] Añadida.
    [moved] Movida.
   *[changed] Cambiada.
}
format-import-refused = El documento tiene { $problems ->
    [one] 1 problema
   *[other] { $problems } problemas
}; el formato no cambió:
format-doc-too-long = el documento tiene { $bytes } bytes; un formato cabe en { $max }
format-doc-not-toml-at = línea { $line }: esto no es TOML ({ $why }); { $export } muestra la forma
format-doc-not-toml = esto no es TOML ({ $why }); { $export } muestra la forma
format-doc-in-part = parte { $number }: { $problem }
format-doc-unknown-key = “{ $key }” no es una clave { $at ->
    [top] del principio
   *[part] de una parte
}{ $close ->
    [yes] {" "}(¿quisiste decir `{ $suggest }`?)
   *[no] {""}
}; las claves son { $keys }
format-doc-name-length = `name` debe tener de 1 a { $max } caracteres, como `name = "Círculo del martes"`
format-doc-name-text = `name` debe ser texto entre comillas, como `name = "Círculo del martes"`
format-doc-parts-tables = cada parte debe ser una tabla `[[part]]`
format-doc-no-parts = el formato no tiene partes: añade al menos una `[[part]]` con un `kind`
format-doc-too-many-parts = el formato tiene { $parts } partes; como mucho { $max }, por favor
format-doc-part-table = una parte debe ser una tabla `[[part]]`
format-doc-not-text = `{ $key }` debe ser texto entre comillas
format-doc-no-kind = no tiene `kind`; indica uno de { $kinds }
format-doc-title-length = `title` debe tener de 1 a { $max } caracteres
format-doc-field = `{ $key }`: { $why }
format-doc-not-one-of = `{ $key }`: “{ $value }” no es uno de { $options }
format-doc-role-word = `role` debe ser una sola palabra, el nombre de un servicio

format-default-title = { $kind ->
    [text] Bienvenida
    [reading] Lectura
    [silence] Momento de silencio
    [checkin] Ronda de presentación
    [share] Compartir
    [discussion] Conversación
    [announcements] Anuncios
    [break] Pausa
   *[closing] Cierre
}
format-default-name = Nuestra reunión
format-unnamed = Nuestro formato
