#include "plugins/torch_engine/pipeline/LoadBenchmark.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <utility>
#include <vector>

#include "plugins/torch_engine/convert/KeyMap.h"
#include "plugins/torch_engine/convert/MappedStateDict.h"
#include "plugins/torch_engine/nn/ClipText.h"
#include "plugins/torch_engine/nn/ParameterInit.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/nn/Vae.h"
#include "plugins/torch_engine/pipeline/Benchmark.h"
#include "plugins/torch_engine/pipeline/TorchEngineFactory.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"

namespace shotcraft::torch_engine {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
using Tensors = std::vector<std::pair<std::string, torch::Tensor>>;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Every parameter and buffer of `module` under its original-layout name (convert::toLdmStateDict), as float16
// noise (the values do not matter for a load; the names, shapes and bytes do). The module is built without its
// random initialisation and filled with N(0, 0.02) here.
template <typename Module, typename Config>
void appendLdm(const Config& config, const convert::KeyMap& map, Tensors& out) {
  Module module = nn::buildForLoading<Module>(config);
  for (auto& p : module->parameters()) p.normal_(0.0, 0.02);
  for (auto& b : module->buffers()) b.normal_(0.0, 0.02);
  module->to(torch::kFloat16);
  for (auto& item : convert::toLdmStateDict(*module, map)) out.push_back(std::move(item));
}

// CLIP's byte-to-symbol table: printable Latin-1 bytes stand for themselves, the rest map to U+0100 onwards.
std::vector<std::string> byteSymbols() {
  std::vector<std::string> symbols(256);
  int next = 256;
  for (int b = 0; b < 256; ++b) {
    const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    const char32_t cp = printable ? char32_t(b) : char32_t(next++);
    std::string utf8;
    if (cp < 0x80) {
      utf8 += char(cp);
    } else {
      utf8 += char(0xC0 | (cp >> 6));
      utf8 += char(0x80 | (cp & 0x3F));
    }
    symbols[size_t(b)] = utf8;
  }
  return symbols;
}

// A byte-level BPE tokenizer without merges (enough to load and encode; SD's real one has 48894 merges).
bool writeMinimalTokenizer(const fs::path& dir, std::string* error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::ofstream vocab(dir / "vocab.json", std::ios::binary);
  std::ofstream merges(dir / "merges.txt", std::ios::binary);
  vocab << "{";
  const auto symbols = byteSymbols();
  for (size_t i = 0; i < symbols.size(); ++i) {
    const std::string escaped = symbols[i] == "\"" ? "\\\"" : symbols[i] == "\\" ? "\\\\" : symbols[i];
    vocab << "\"" << escaped << "\": " << i << ", \"" << escaped << "</w>\": " << i + 256 << ", ";
  }
  vocab << "\"<|startoftext|>\": 49406, \"<|endoftext|>\": 49407}";
  merges << "#version: 0.2\n";
  if (!vocab || !merges) {
    *error = "cannot write a tokenizer into " + dir.string();
    return false;
  }
  return true;
}

}  // namespace

bool runLoadBenchmark(const engine::BenchmarkRequest& request, const std::function<void(const std::string&)>& print,
                      std::string* error) {
  try {
    torch::NoGradGuard noGrad;
    fs::path dir = fs::temp_directory_path() / ("shotcraft-bench-load-" + std::to_string(std::random_device{}()));
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
      *error = "cannot create " + dir.string() + ": " + ec.message();
      return false;
    }
    struct Cleanup {
      fs::path dir;
      ~Cleanup() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
      }
    } cleanup{dir};

    // SD-1.5's modules (defaults), or small ones for --quick.
    const nn::UNetConfig unetConfig = benchUNetConfig(request.quick);
    const nn::VaeConfig vaeConfig = benchVaeConfig(request.quick);
    nn::ClipTextConfig textConfig;  // SD-1.5's CLIP ViT-L/14 text tower
    if (request.quick) {
      textConfig.hiddenSize = 32;
      textConfig.intermediateSize = 64;
      textConfig.numHiddenLayers = 2;
      textConfig.numAttentionHeads = 4;
    }
    const fs::path file = dir / (request.quick ? "tiny-sd15.safetensors" : "sd15-random.safetensors");
    auto start = Clock::now();
    Tensors tensors;
    appendLdm<nn::UNet>(unetConfig, convert::unetLdmKeyMap(unetConfig), tensors);
    appendLdm<nn::Vae>(vaeConfig, convert::vaeLdmKeyMap(vaeConfig), tensors);
    appendLdm<nn::ClipTextModel>(textConfig, convert::clipSd1KeyMap(), tensors);
    if (!writeSafeTensors(file.string(), tensors, {{"format", "pt"}}, error)) return false;
    tensors.clear();
    if (!writeMinimalTokenizer(dir / "tokenizer", error)) return false;
    const double written_gb = double(fs::file_size(file, ec)) / 1e9;
    char line[256];
    std::snprintf(line, sizeof line, "bench load: wrote a random %s single-file checkpoint (original keys, float16, %.2f GB) in %.1f s",
                  request.quick ? "tiny SD-1.x-layout" : "SD-1.5-shaped", written_gb, secondsSince(start));
    print(line);

    engine::EngineOptions options = request.options;
    options.model_dir = file.string();
    for (int i = 0; i < request.iterations; ++i) {
      start = Clock::now();
      std::unique_ptr<engine::IEngine> engine = TorchEngineFactory().create(options, error);
      const double load_s = secondsSince(start);
      if (!engine) return false;
      const engine::EngineInfo info = engine->info();
      std::snprintf(line, sizeof line, "  load %d: %.2f s (%s, %s; weights memory-mapped and copied into %s tensors)",
                    i + 1, load_s, info.device.c_str(), info.precision.c_str(), info.precision.c_str());
      print(line);
    }
    return true;
  } catch (const std::exception& e) {
    *error = std::string("bench load: ") + e.what();
    return false;
  }
}

}  // namespace shotcraft::torch_engine
