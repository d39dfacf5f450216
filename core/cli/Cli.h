#pragma once
// shotcraft-cli: subcommand dispatch. Each command parses its own arguments and returns an exit code;
// bad input prints one line naming what is wrong to err and returns non-zero.
#include <QStringList>
#include <QTextStream>
#include <vector>

class QCommandLineParser;

namespace shotcraft::cli {

struct Context {
  QTextStream& out;
  QTextStream& err;
};

using CommandFn = int (*)(const QStringList& args, Context& ctx);

struct Command {
  const char* name;
  const char* usage;    // e.g. "validate PROJECT"
  const char* summary;  // one line for --help
  CommandFn run;
};

// The built-in table followed by the commands registered with registerExtraCommand().
const std::vector<Command>& commands();

// Adds a command that lives outside core (e.g. export-pdf, which needs QtGui, registered by app/cli_main.cpp
// before run()). A command of the same name replaces the earlier one.
void registerExtraCommand(const Command& command);

// Runs `shotcraft-cli args...` (args excludes the program name).
int run(const QStringList& args, Context& ctx);

// Commands (one translation unit each).
int cmdValidate(const QStringList& args, Context& ctx);
int cmdInfo(const QStringList& args, Context& ctx);
int cmdImportFountain(const QStringList& args, Context& ctx);
int cmdDataset(const QStringList& args, Context& ctx);
int cmdSamplers(const QStringList& args, Context& ctx);
int cmdGenerate(const QStringList& args, Context& ctx);
int cmdBench(const QStringList& args, Context& ctx);
int cmdRender(const QStringList& args, Context& ctx);
int cmdExport(const QStringList& args, Context& ctx);
int cmdExportEdl(const QStringList& args, Context& ctx);
int cmdBeats(const QStringList& args, Context& ctx);
int cmdTrain(const QStringList& args, Context& ctx);
int cmdEval(const QStringList& args, Context& ctx);
int cmdModels(const QStringList& args, Context& ctx);
// `bench export` (core/cli/BenchExport.cpp), dispatched by cmdBench.
int benchExport(bool quick, Context& ctx);

// `bench render` (core/cli/BenchRender.cpp), dispatched by cmdBench.
int benchRender(const QCommandLineParser& parser, Context& ctx);

}  // namespace shotcraft::cli
