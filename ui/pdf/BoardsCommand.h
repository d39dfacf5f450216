#pragma once
// `shotcraft-cli export-pdf`: lives here, not in core/cli, because drawing the PDF needs QtGui.
#include <QStringList>

#include "core/cli/Cli.h"

namespace shotcraft::boards {

// export-pdf PROJECT -o OUT.pdf [--paper A4|Letter|A3|Legal] [--landscape] [--grid 3x2]
int cmdExportPdf(const QStringList& args, cli::Context& ctx);

// Registers export-pdf with the CLI's command table (call before cli::run).
void registerCommands();

// True when `command` (argv[1]) needs a QGuiApplication rather than a QCoreApplication.
bool needsGui(const char* command);

}  // namespace shotcraft::boards
