help-list = Comandos (digite { $help } para saber mais):
help-heading = { $who ->
    [host] Para quem coordena
    [admin] Para quem administra
   *[member] Para todo mundo
}
help-unknown = Não existe o comando `{ $topic }`. Digite { $help } para ver a lista.
help-command = { $usage } — { $summary }.
help-arg = { $name }: { $help }{ $required ->
    [yes] {""}
   *[no] {" "}(opcional)
}
help-who = Quem: { $who ->
    [host] quem coordena ou administra
    [admin] quem administra
   *[member] qualquer pessoa
}. Exemplo: { $example }
help-aliases = Também: { $aliases }
