package io.energylakehouse.cli;

/** A subcommand that reads the lakehouse configuration (profile, --config, --set). */
interface LakehouseCommand
{
    GlobalOptions global();
}
