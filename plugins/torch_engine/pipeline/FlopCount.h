#pragma once
// Analytic FLOP counts (2 per multiply-add) of one forward pass, for the benchmark's GFLOP/s figures.
#include <cstdint>

#include "plugins/torch_engine/nn/ModelConfig.h"

namespace shotcraft::torch_engine {

struct FlopCount {
  double total = 0;      // everything below
  double attention = 0;  // the QK^T and AV batched matmuls only
};

// UNet (or, with encoderOnly, the ControlNet's encoder copy without its hint encoder) on a latent of
// height x width cells, batch B, `tokens` context tokens.
FlopCount unetFlops(const nn::UNetConfig& config, int64_t batch, int64_t height, int64_t width, int64_t tokens,
                    bool encoderOnly = false);

// Self-attention matmuls alone: B x heads x N x N x headDim, twice (QK^T and AV).
double selfAttentionFlops(int64_t batch, int64_t tokens, int64_t channels);

}  // namespace shotcraft::torch_engine
