#pragma once
// Shared CLI plumbing for the commands that drive an engine: --model/--device/--precision/--threads,
// locating the bundled model, and loading the engine plugin.
#include <QCommandLineParser>
#include <QString>
#include <memory>
#include <string>

#include "core/engine/Engine.h"
#include "core/engine/EngineRegistry.h"

namespace shotcraft::cli {

// Adds --model, --device, --precision, --threads, --preview-vae, --draft-decode to a parser.
void addEngineOptions(QCommandLineParser& parser);
// Reads them back; false + *error on a bad value (naming the flag).
bool readEngineOptions(const QCommandLineParser& parser, engine::EngineOptions* out, std::string* error,
                       bool requireModel = true);

// The embedded model folder (shotcraft-tiny): $SHOTCRAFT_MODEL_DIR, then next to the binary
// (../share/shotcraft/models, ../resources/models), then the source tree. Empty if none is found.
QString defaultModelDir();
// A bundled resource, RELATIVE to the resources folder ("models/shotcraft-tiny", "eval/shotcraft-probe"): the
// installed share/shotcraft copy, the one beside the build's bin/, then the source tree's; the first that holds
// MARKER (a file inside it), else "".
QString findBundledResource(const QString& relative, const QString& marker);

// The integer value of option --NAME within [lo, hi], or false with "--NAME: expected a whole number from lo to hi".
bool readIntOption(const QCommandLineParser& p, const char* name, int lo, int hi, int* out, std::string* error);
// The number value of option --NAME within [lo, hi], or false with "--NAME: expected a number from lo to hi".
bool readFloatOption(const QCommandLineParser& p, const char* name, float lo, float hi, float* out, std::string* error);

// The value of --control-mode (auto, balanced or control_first), or false with a one-line error naming it.
bool readControlMode(const QCommandLineParser& p, engine::ControlMode* out, std::string* error);

// Parses `args` (without the command name) with a parser; prints --help or a one-line error.
// Returns -1 to continue, or the exit code to return.
int parseOrExit(QCommandLineParser& parser, const QString& command, const QString& usage, const QStringList& args,
                QTextStream& out, QTextStream& err);

}  // namespace shotcraft::cli
