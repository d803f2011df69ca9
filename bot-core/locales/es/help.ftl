help-list = Comandos (escribe { $help } para saber más):
help-heading = { $who ->
    [host] Para quien coordina
    [admin] Para quien administra
   *[member] Para todas las personas
}
help-unknown = No existe el comando `{ $topic }`. Escribe { $help } para ver la lista.
help-command = { $usage } — { $summary }.
help-arg = { $name }: { $help }{ $required ->
    [yes] {""}
   *[no] {" "}(opcional)
}
help-who = Quién: { $who ->
    [host] quien coordina o administra
    [admin] quien administra
   *[member] cualquier persona
}. Ejemplo: { $example }
help-aliases = También: { $aliases }
