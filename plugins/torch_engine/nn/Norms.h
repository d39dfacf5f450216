#pragma once
// GroupNorm and LayerNorm for mixed precision: libtorch 1.13's CPU kernels want the input in the weights' type,
// and under bf16 autocast (training, TrainLoop.h) the weights are float32 while the activations are bfloat16.
// These take the statistics in the weights' type and return the input's type, as Stable Diffusion's own
// GroupNorm32 does. With matching types they are the plain module call.
#include <torch/torch.h>

namespace shotcraft::torch_engine::nn {

torch::Tensor applyNorm(torch::nn::GroupNorm& norm, const torch::Tensor& x);
torch::Tensor applyNorm(torch::nn::LayerNorm& norm, const torch::Tensor& x);

}  // namespace shotcraft::torch_engine::nn
