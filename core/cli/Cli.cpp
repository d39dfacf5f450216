#include "core/cli/Cli.h"

#include <cstring>

namespace shotcraft::cli {

static std::vector<Command>& extraCommands() {
  static std::vector<Command> extra;
  return extra;
}
static bool g_extraChanged = true;  // commands() rebuilds its list only after a registration

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"validate", "validate PROJECT", "check a project folder or project.json; prints OK or the first error",
       &cmdValidate},
      {"info", "info PROJECT", "summary line (acts, shots, duration) and one line per shot", &cmdInfo},
      {"import-fountain", "import-fountain SCRIPT -o PROJECT", "turn a Fountain screenplay into a project",
       &cmdImportFountain},
      {"dataset", "dataset -o DIR --count N", "write procedural storyboard training samples (rgb/depth/canny/pose)",
       &cmdDataset},
      {"samplers", "samplers", "list the engine's sampler ids", &cmdSamplers},
      {"generate", "generate --prompt P -o OUT.png", "draw one image (see generate --help for every option)",
       &cmdGenerate},
      {"render", "render PROJECT [--shots ID,...] -o DIR", "render shots (draft or final) into cached takes + PNGs",
       &cmdRender},
      {"bench", "bench engine|render|export [--quick]", "speed figures: engine steps, in-betweens, video export",
       &cmdBench},
      {"export", "export PROJECT -o OUT.mp4|.mov|.gif|DIR", "the animatic as video, GIF or PNG frames (with --audio)",
       &cmdExport},
      {"export-edl", "export-edl PROJECT -o OUT.otio|.fcpxml",
       "the cut as an OpenTimelineIO or Final Cut Pro XML edit list", &cmdExportEdl},
      {"beats", "beats AUDIO [--project P [--snap]]", "tempo and beat times; store them and snap cuts to them",
       &cmdBeats},
      {"train", "train STAGE --out DIR [--steps N] [--resume]",
       "train a stage of the embedded shotcraft-tiny model (tokenizer, text, vae, unet, controlnet, preview) or eval's probe",
       &cmdTrain},
      {"eval", "eval [--quick] [--count N] [-o OUTDIR]",
       "score a model on held-out scenes: attributes, edge F1, depth, pose; contact sheet", &cmdEval},
      {"models", "models [--folder DIR ...] [--load PATH]",
       "list checkpoints, ControlNets, LoRAs, VAEs, TAESDs (family, size); time a checkpoint's load", &cmdModels},
  };
  static std::vector<Command> all;
  if (g_extraChanged) {
    g_extraChanged = false;
    all = table;
    all.insert(all.end(), extraCommands().begin(), extraCommands().end());
  }
  return all;
}

void registerExtraCommand(const Command& command) {
  g_extraChanged = true;
  auto& extra = extraCommands();
  for (Command& c : extra) {
    if (std::strcmp(c.name, command.name) == 0) {
      c = command;
      return;
    }
  }
  extra.push_back(command);
}

static void printHelp(QTextStream& s) {
  s << "Usage: shotcraft-cli COMMAND [ARGS...]\n\n"
    << "Shotcraft " << SHOTCRAFT_VERSION << " headless tools. Commands:\n";
  for (const auto& c : commands()) {
    s << "  " << QString::fromLatin1(c.usage).leftJustified(40) << " " << c.summary << "\n";
  }
  s << "\nRun 'shotcraft-cli COMMAND --help' for a command's options.\n";
}

int run(const QStringList& args, Context& ctx) {
  if (args.isEmpty()) {
    printHelp(ctx.err);
    return 2;
  }
  const QString& name = args.front();
  if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help")) {
    printHelp(ctx.out);
    return 0;
  }
  if (name == QLatin1String("--version")) {
    ctx.out << "shotcraft-cli " << SHOTCRAFT_VERSION << "\n";
    return 0;
  }
  for (const auto& c : commands()) {
    if (name == QLatin1String(c.name)) {
      return c.run(args.mid(1), ctx);
    }
  }
  ctx.err << "shotcraft-cli: unknown command '" << name << "' (see shotcraft-cli --help)\n";
  return 2;
}

}  // namespace shotcraft::cli
