#include "plugins/torch_engine/pipeline/FlopCount.h"

#include <algorithm>
#include <string>

namespace shotcraft::torch_engine {

namespace {

struct Counter {
  int64_t batch;
  int64_t tokens;
  FlopCount f;

  void conv(int64_t cin, int64_t cout, int64_t k, int64_t h, int64_t w) {
    f.total += 2.0 * double(batch) * double(cin) * double(cout) * double(k * k) * double(h * w);
  }
  void resnet(int64_t cin, int64_t cout, int64_t h, int64_t w) {
    conv(cin, cout, 3, h, w);
    conv(cout, cout, 3, h, w);
    if (cin != cout) conv(cin, cout, 1, h, w);
  }
  void transformer(int64_t c, int64_t ctx, int64_t layers, int64_t h, int64_t w) {
    const double n = double(h * w);
    const double b = double(batch);
    const double cc = double(c) * double(c);
    f.total += 2.0 * b * n * cc * 2;  // proj_in + proj_out
    for (int64_t l = 0; l < layers; ++l) {
      const double linear = 2.0 * b * n * cc * (4 /*attn1 qkvo*/ + 2 /*attn2 q,o*/ + 8 /*GEGLU in*/ + 4 /*ff out*/) +
                            2.0 * b * double(tokens) * double(ctx) * double(c) * 2 /*attn2 k,v*/;
      const double attn = 2.0 * b * n * n * double(c) * 2 + 2.0 * b * n * double(tokens) * double(c) * 2;
      f.total += linear + attn;
      f.attention += attn;
    }
  }
};

bool hasAttention(const std::string& type) { return type.find("CrossAttn") != std::string::npos; }

}  // namespace

FlopCount unetFlops(const nn::UNetConfig& cfg, int64_t batch, int64_t height, int64_t width, int64_t tokens,
                    bool encoderOnly) {
  Counter c{batch, tokens, {}};
  const auto& boc = cfg.blockOutChannels;
  const int64_t levels = int64_t(boc.size());
  const int64_t L = cfg.layersPerBlock;
  std::vector<int64_t> skips;
  int64_t h = height;
  int64_t w = width;
  c.conv(cfg.inChannels, boc[0], cfg.convInKernel, h, w);
  skips.push_back(boc[0]);
  int64_t prev = boc[0];
  for (int64_t i = 0; i < levels; ++i) {
    for (int64_t j = 0; j < L; ++j) {
      c.resnet(j == 0 ? prev : boc[i], boc[i], h, w);
      if (hasAttention(cfg.downBlockTypes[i])) {
        c.transformer(boc[i], cfg.crossAttentionDim[i], cfg.transformerLayersPerBlock[i], h, w);
      }
      skips.push_back(boc[i]);
    }
    prev = boc[i];
    if (i + 1 < levels) {
      h = (h + 1) / 2;
      w = (w + 1) / 2;
      c.conv(boc[i], boc[i], 3, h, w);
      skips.push_back(boc[i]);
    }
  }
  const int64_t cm = boc.back();
  c.resnet(cm, cm, h, w);
  c.transformer(cm, cfg.crossAttentionDim.back(), cfg.transformerLayersPerBlock.back(), h, w);
  c.resnet(cm, cm, h, w);
  if (encoderOnly) {
    // ControlNet's zero convs: one 1x1 per skip plus the mid block, at each skip's resolution (approximated by
    // the resolution of its level, which is exact for SD's layouts).
    int64_t hh = height;
    int64_t ww = width;
    size_t s = 0;
    c.conv(skips[s], skips[s], 1, hh, ww);
    ++s;
    for (int64_t i = 0; i < levels; ++i) {
      for (int64_t j = 0; j < L; ++j, ++s) c.conv(skips[s], skips[s], 1, hh, ww);
      if (i + 1 < levels) {
        hh = (hh + 1) / 2;
        ww = (ww + 1) / 2;
        c.conv(skips[s], skips[s], 1, hh, ww);
        ++s;
      }
    }
    c.conv(cm, cm, 1, h, w);
    return c.f;
  }
  int64_t prevOut = cm;
  for (int64_t i = 0; i < levels; ++i) {
    const int64_t level = levels - 1 - i;
    const int64_t out = boc[level];
    for (int64_t j = 0; j <= L; ++j) {
      const int64_t skip = skips.back();
      skips.pop_back();
      c.resnet((j == 0 ? prevOut : out) + skip, out, h, w);
      const std::string& type = cfg.upBlockTypes[i];
      if (hasAttention(type)) {
        c.transformer(out, cfg.crossAttentionDim[level], cfg.transformerLayersPerBlock[level], h, w);
      }
    }
    prevOut = out;
    if (i + 1 < levels) {
      h *= 2;
      w *= 2;
      c.conv(out, out, 3, h, w);
    }
  }
  c.conv(boc[0], cfg.outChannels, cfg.convOutKernel, height, width);
  return c.f;
}

double selfAttentionFlops(int64_t batch, int64_t tokens, int64_t channels) {
  return 2.0 * double(batch) * double(tokens) * double(tokens) * double(channels) * 2;
}

}  // namespace shotcraft::torch_engine
