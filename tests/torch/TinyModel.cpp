#include "tests/torch/TinyModel.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>

#include "core/engine/ClipTokenizer.h"
#include "plugins/torch_engine/nn/ClipText.h"
#include "plugins/torch_engine/nn/ControlNet.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/nn/Vae.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"

namespace shotcraft::test {

namespace fs = std::filesystem;
using namespace shotcraft::torch_engine;

namespace {

const char* kUNet = R"({"_class_name": "UNet2DConditionModel", "sample_size": 16, "in_channels": 4,
  "out_channels": 4, "block_out_channels": [32, 64], "layers_per_block": 1,
  "down_block_types": ["CrossAttnDownBlock2D", "DownBlock2D"], "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D"],
  "cross_attention_dim": 32, "attention_head_dim": 4, "norm_num_groups": 32})";
const char* kControlNet = R"({"_class_name": "ControlNetModel", "in_channels": 4, "block_out_channels": [32, 64],
  "layers_per_block": 1, "down_block_types": ["CrossAttnDownBlock2D", "DownBlock2D"], "cross_attention_dim": 32,
  "attention_head_dim": 4, "norm_num_groups": 32, "conditioning_embedding_out_channels": [8, 16, 32]})";
const char* kVae = R"({"_class_name": "AutoencoderKL", "in_channels": 3, "out_channels": 3,
  "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"],
  "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"], "block_out_channels": [32, 32, 32],
  "layers_per_block": 1, "latent_channels": 4, "norm_num_groups": 32, "sample_size": 64, "scaling_factor": 0.18215})";
const char* kScheduler = R"({"_class_name": "PNDMScheduler", "beta_end": 0.012, "beta_schedule": "scaled_linear",
  "beta_start": 0.00085, "num_train_timesteps": 1000, "set_alpha_to_one": false, "skip_prk_steps": true,
  "steps_offset": 1, "clip_sample": false})";

std::string textConfig(int vocab, int bos, int eos) {
  return R"({"vocab_size": )" + std::to_string(vocab) +
         R"(, "hidden_size": 32, "intermediate_size": 37, "num_hidden_layers": 2, "num_attention_heads": 4,
  "max_position_embeddings": 77, "hidden_act": "quick_gelu", "layer_norm_eps": 1e-05, "projection_dim": 32,
  "bos_token_id": )" + std::to_string(bos) + R"(, "eos_token_id": )" + std::to_string(eos) +
         R"(, "pad_token_id": )" + std::to_string(eos) + "}";
}

bool writeText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  return bool(out);
}

std::string saveModule(torch::nn::Module& module, const fs::path& path) {
  std::vector<std::pair<std::string, torch::Tensor>> tensors;
  for (const auto& p : module.named_parameters()) {
    // Random but tame: the default init plus small noise on the normally zero-initialised layers.
    tensors.emplace_back(p.key(), p.value().detach().contiguous());
  }
  std::string error;
  if (!writeSafeTensors(path.string(), tensors, {}, &error)) return error;
  return {};
}

// Byte-level vocabulary (no merges): the 256 byte symbols, the same with </w>, then the two specials.
void writeTokenizer(const fs::path& dir, int* vocabSize, int* bos, int* eos) {
  std::string vocab = "{";
  int id = 0;
  auto add = [&](const std::string& tok) {
    std::string escaped;
    for (char c : tok) {
      if (c == '"' || c == '\\') escaped += '\\';
      escaped += c;
    }
    if (id > 0) vocab += ", ";
    vocab += "\"" + escaped + "\": " + std::to_string(id);
    ++id;
  };
  for (int b = 0; b < 256; ++b) add(engine::ClipTokenizer::byteSymbol(uint8_t(b)));
  for (int b = 0; b < 256; ++b) add(engine::ClipTokenizer::byteSymbol(uint8_t(b)) + "</w>");
  *bos = id;
  add("<|startoftext|>");
  *eos = id;
  add("<|endoftext|>");
  vocab += "}";
  *vocabSize = id;
  writeText(dir / "vocab.json", vocab);
  writeText(dir / "merges.txt", "#version: 0.2\n");
}

}  // namespace

std::string writeTinyModel(const std::string& dirPath, const TinyModelOptions& options) {
  const fs::path dir(dirPath);
  torch::manual_seed(options.seed);
  std::string error;
  int vocab = 0, bos = 0, eos = 0;
  writeTokenizer(dir / "tokenizer", &vocab, &bos, &eos);
  writeText(dir / "scheduler" / "scheduler_config.json", kScheduler);

  nn::UNetConfig ucfg;
  if (!nn::UNetConfig::fromJson(kUNet, &ucfg, &error)) return error;
  nn::UNet unet(ucfg);
  writeText(dir / "unet" / "config.json", kUNet);
  if (auto e = saveModule(*unet, dir / "unet" / "diffusion_pytorch_model.safetensors"); !e.empty()) return e;

  nn::VaeConfig vcfg;
  if (!nn::VaeConfig::fromJson(kVae, &vcfg, &error)) return error;
  nn::Vae vae(vcfg);
  writeText(dir / "vae" / "config.json", kVae);
  if (auto e = saveModule(*vae, dir / "vae" / "diffusion_pytorch_model.safetensors"); !e.empty()) return e;

  const std::string tcfgText = textConfig(vocab, bos, eos);
  nn::ClipTextConfig tcfg;
  if (!nn::ClipTextConfig::fromJson(tcfgText, &tcfg, &error)) return error;
  nn::ClipTextModel text(tcfg);
  writeText(dir / "text_encoder" / "config.json", tcfgText);
  if (auto e = saveModule(*text, dir / "text_encoder" / "model.safetensors"); !e.empty()) return e;

  if (options.withControlNet) {
    nn::ControlNetConfig ccfg;
    if (!nn::ControlNetConfig::fromJson(kControlNet, &ccfg, &error)) return error;
    nn::ControlNet cn(ccfg);
    // Real ControlNets start with zero convs; random ones make the control's effect visible in tests.
    writeText(dir / "controlnet-depth" / "config.json", kControlNet);
    if (auto e = saveModule(*cn, dir / "controlnet-depth" / "diffusion_pytorch_model.safetensors"); !e.empty()) {
      return e;
    }
  }
  return {};
}

}  // namespace shotcraft::test
