"""The subcommands of ``mesh-studio``, one module each: ``register(subcommands)`` adds the
command's parser and sets ``run``. The order here is the order of ``mesh-studio --help``."""

COMMAND_MODULES = (
    "studio.commands.gui",
    "studio.commands.info",
    "studio.commands.fmt",
    "studio.commands.export",
    "studio.commands.import_specs",
    "studio.commands.portal",
    "studio.commands.validate",
    "studio.commands.impact",
    "studio.commands.diff",
    "studio.commands.registry",
    "studio.commands.layout",
    "studio.commands.render",
    "studio.commands.generate",
    "studio.commands.completion",
    "studio.commands.manpage",
)
