#pragma once
// An engine factory for model-listing tests: it creates no engine and probes without reading weights. A file's
// family is its first line ("family=sd1"); a folder is a diffusers folder, "sd1" with unet/config.json,
// "controlnet" with config.json. sd1 and sd2 are usable; sdxl is "not supported yet". probes counts the calls.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/Engine.h"

namespace shotcraft::test {

class FakeProbeFactory : public engine::IEngineFactory {
 public:
  explicit FakeProbeFactory(std::string id = "fake") : m_id(std::move(id)) {}

  std::string id() const override { return m_id; }
  std::unique_ptr<engine::IEngine> create(const engine::EngineOptions&, std::string* error) const override {
    *error = "probe only";
    return nullptr;
  }
  std::vector<std::string> samplerNames() const override { return {}; }
  engine::ModelProbeResult probeModel(const std::string& path) const override {
    namespace fs = std::filesystem;
    ++probes;
    engine::ModelProbeResult r;
    r.family = "unknown";
    if (fs::is_directory(path)) {
      r.layout = "diffusers-folder";
      if (fs::exists(fs::path(path) / "unet" / "config.json")) r.family = "sd1";
      else if (fs::exists(fs::path(path) / "config.json")) r.family = "controlnet";
    } else {
      r.layout = "single-file";
      std::ifstream in(path);
      std::string line;
      std::getline(in, line);
      if (line.rfind("family=", 0) == 0) r.family = line.substr(7);
    }
    r.usable = r.family == "sd1" || r.family == "sd2";
    r.message = r.family == "sdxl" ? "SDXL is not supported yet" : r.family + " " + r.layout;
    return r;
  }

  mutable std::atomic<int> probes{0};  // the panel probes on a pool thread

 private:
  std::string m_id;
};

}  // namespace shotcraft::test
