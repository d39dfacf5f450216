#pragma once
// Loads a TAESD (tiny autoencoder) in either layout onto nn::Taesd:
//   diffusers AutoencoderTiny folder: config.json + diffusion_pytorch_model.safetensors
//     (decoder.layers.N.*, encoder.layers.N.*), read with nn::loadStateDict;
//   original madebyollin/taesd files: taesd_decoder.safetensors (+ taesd_encoder.safetensors), keys N.*,
//     where the decoder's index 0 is the parameter-free clamp; read through a KeyMap with
//     convert::loadMappedStateDict. Channel counts come from the tensors' shapes.
#include <string>

#include "plugins/torch_engine/convert/KeyMap.h"
#include "plugins/torch_engine/nn/Taesd.h"

namespace shotcraft::torch_engine::convert {

// `path` is a diffusers folder, a folder holding taesd_decoder.safetensors, or such a file (its
// taesd_encoder.safetensors sibling is loaded when present; without it the TAESD is decoder-only).
// False + a one-line *error naming the file and tensor on any problem. Never throws.
bool loadTaesd(const std::string& path, nn::Taesd* out, std::string* error);

// The TAESD of a model: <model>/taesd or <model>/vae_tiny (for a single-file checkpoint: beside it).
// "" when there is none.
std::string findTaesd(const std::string& modelPath);

// Original -> our names: decoder "N+1." <-> "layers.N.", encoder "N." <-> "layers.N." (sub-module names).
KeyMap taesdDecoderKeyMap(int64_t layerCount);
KeyMap taesdEncoderKeyMap(int64_t layerCount);

}  // namespace shotcraft::torch_engine::convert
