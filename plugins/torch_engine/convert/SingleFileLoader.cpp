#include "plugins/torch_engine/convert/SingleFileLoader.h"

#include <algorithm>
#include <filesystem>

#include "plugins/torch_engine/convert/KeyMap.h"
#include "plugins/torch_engine/convert/MappedStateDict.h"
#include "plugins/torch_engine/nn/ParameterInit.h"

namespace shotcraft::torch_engine::convert {

namespace {

namespace fs = std::filesystem;

bool isTokenizerFolder(const fs::path& dir) {
  std::error_code ec;
  return (fs::exists(dir / "vocab.json", ec) && fs::exists(dir / "merges.txt", ec)) ||
         fs::exists(dir / "bpe_simple_vocab_16e6.txt.gz", ec);
}

}  // namespace

std::string findTokenizerFor(const std::string& checkpointPath, std::string* error) {
  const fs::path here = fs::absolute(fs::path(checkpointPath)).parent_path();
  std::vector<fs::path> candidates;
  for (const fs::path& base : {here, here.parent_path()}) {
    candidates.push_back(base / (fs::path(checkpointPath).stem().string() + ".tokenizer"));
    candidates.push_back(base / "tokenizer");
    candidates.push_back(base);
    std::error_code ec;
    std::vector<fs::path> models;
    for (const auto& entry : fs::directory_iterator(base, ec)) {
      if (entry.is_directory(ec)) models.push_back(entry.path() / "tokenizer");
    }
    std::sort(models.begin(), models.end());
    candidates.insert(candidates.end(), models.begin(), models.end());
  }
  for (const auto& dir : candidates) {
    if (isTokenizerFolder(dir)) return dir.string();
  }
  *error = checkpointPath + ": a single-file checkpoint brings no tokenizer; put a tokenizer/ folder with "
           "vocab.json + merges.txt (or bpe_simple_vocab_16e6.txt.gz) next to it (looked in " + here.string() +
           " and " + here.parent_path().string() + ")";
  return {};
}

bool loadSingleFileCheckpoint(const std::string& path, SingleFileModel* out, std::string* error,
                              bool withTokenizer) {
  auto file = SafeTensorsFile::open(path, error);
  if (!file) return false;
  SingleFileModel m;
  if (!inferCheckpointConfig(*file, &m.config, error)) return false;
  const CheckpointConfig& c = m.config;
  try {
    m.unet = nn::buildForLoading<nn::UNet>(c.unet);
    m.vae = nn::buildForLoading<nn::Vae>(c.vae);
    m.text = nn::buildForLoading<nn::ClipTextModel>(c.text);
    if (!loadMappedStateDict(*m.unet, *file, unetLdmKeyMap(c.unet), {}, error)) return false;
    MappedLoadOptions vaeOptions;
    vaeOptions.ignoredPrefixes = {"first_stage_model.loss."};  // training-time discriminator in some files
    if (!loadMappedStateDict(*m.vae, *file, vaeLdmKeyMap(c.vae), vaeOptions, error)) return false;
    KeyMap textMap;
    MappedLoadOptions textOptions;
    switch (c.textLayout) {
      case TextLayout::HfClip: textMap = clipSd1KeyMap(); break;
      case TextLayout::HfClipNoTextModel: textMap = clipSd1KeyMap("cond_stage_model.transformer.", false); break;
      case TextLayout::OpenClip:
        textMap = clipOpenClipKeyMap(c.text);
        // Not used by SD 2.x: the last layer (penultimate-layer conditioning), the projection, logit scale.
        textOptions.ignoredPrefixes = {
            "cond_stage_model.model.transformer.resblocks." + std::to_string(c.openClipLayers - 1) + ".",
            "cond_stage_model.model.text_projection", "cond_stage_model.model.logit_scale",
            "cond_stage_model.model.attn_mask", "cond_stage_model.model.visual."};
        break;
    }
    if (!loadMappedStateDict(*m.text, *file, textMap, textOptions, error)) return false;
  } catch (const c10::Error& e) {
    *error = path + ": " + e.what_without_backtrace();
    return false;
  }
  m.scheduler.prediction_type = c.prediction;  // SD 1.5 and 2.1 share the rest of the scheduler config
  if (withTokenizer) {
    const std::string dir = findTokenizerFor(path, error);
    if (dir.empty()) return false;
    m.tokenizer = engine::ClipTokenizer::load(dir, error);
    if (!m.tokenizer) return false;
    const bool sd2 = c.family == ModelFamily::Sd2 || c.family == ModelFamily::Sd2V;
    if (sd2 && !fs::exists(fs::path(dir) / "special_tokens_map.json")) m.tokenizer->setPad(0);  // SD2 pads with "!"
  }
  *out = std::move(m);
  return true;
}

}  // namespace shotcraft::torch_engine::convert
