<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>shotcraft::ui::ActRow</name>
    <message>
        <location filename="../ui/ActRow.cpp" line="+175"/>
        <source>Act %1</source>
        <translation>第 %1 幕</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Act title</source>
        <translation>幕标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename this act</source>
        <translation>重命名此幕</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n shot(s) · %1 s</source>
        <translation>
            <numerusform>%n 个镜头 · %1 秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ Add Shot</source>
        <translation>+ 添加镜头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a shot at the end of this act</source>
        <translation>在此幕末尾添加一个镜头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No shots in this act yet. Use &quot;Add Shot&quot; to start one.</source>
        <translation>此幕还没有镜头。点击“添加镜头”开始创建。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Act %1 starts at %2:%3 →</source>
        <translation>第 %1 幕从 %2:%3 开始 →</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::AnimaticPlayer</name>
    <message>
        <location filename="../ui/AnimaticPlayer.cpp" line="+292"/>
        <source>The storyboard has no shots.</source>
        <translation>分镜中还没有镜头。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 / %2 · frame %3 · %4</source>
        <translation>%1 / %2 · 第 %3 帧 · %4</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Play or pause the animatic (Space)</source>
        <translation>播放或暂停动态分镜（空格键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loop Shot</source>
        <translation>循环镜头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat the selected shot while playing</source>
        <translation>播放时循环选中的镜头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scrub through the animatic frame by frame</source>
        <translation>逐帧拖动浏览动态分镜</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::BriefPanel</name>
    <message>
        <location filename="../ui/BriefPanel.cpp" line="+120"/>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Video type:</source>
        <translation>视频类型(&amp;V)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Audience:</source>
        <translation>目标受众(&amp;A)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Selling points:</source>
        <translation>卖点(&amp;S)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target &amp;length:</source>
        <translation>目标时长(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working title of the video</source>
        <translation>视频的暂定标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who it is for</source>
        <translation>面向哪些观众</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One selling point per line</source>
        <translation>每行一个卖点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promo</source>
        <translation>宣传片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Micro-film</source>
        <translation>微电影</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>VFX short</source>
        <translation>特效短片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::CameraCurvePlot</name>
    <message>
        <location filename="../ui/CameraCurvePlot.cpp" line="+77"/>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan X</source>
        <translation>平移 X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan Y</source>
        <translation>平移 Y</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Roll (°)</source>
        <translation>旋转（°）</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::CameraPathCanvas</name>
    <message>
        <location filename="../ui/CameraPathCanvas.cpp" line="+135"/>
        <source>No take yet</source>
        <translation>尚无成片</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add a keyframe to move the camera</source>
        <translation>添加关键帧以移动镜头</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::CameraPathEditor</name>
    <message>
        <location filename="../ui/CameraPathEditor.cpp" line="+194"/>
        <source>Camera of %1</source>
        <translation>%1 的运镜</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Keyframe %1 of %2</source>
        <translation>关键帧 %1 / %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No keyframe selected</source>
        <translation>未选择关键帧</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select a shot on the storyboard to draw its camera move here.</source>
        <translation>在故事板上选择一个镜头，即可在此绘制其镜头运动。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add Keyframe</source>
        <translation>添加关键帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a keyframe at the playhead</source>
        <translation>在播放头处添加关键帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Keyframe</source>
        <translation>删除关键帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the camera frame along the path in real time (no rendering)</source>
        <translation>让镜头框沿路径实时移动（不进行渲染）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/CameraPathEditor_Edits.cpp" line="+138"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../ui/CameraPathEditor_Edits.cpp" line="+7"/>
        <source>Play Motion</source>
        <translation>播放运动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Easing:</source>
        <translation>缓动(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the camera speeds up and slows down from this keyframe to the next</source>
        <translation>镜头从此关键帧到下一关键帧的加速与减速方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ease in</source>
        <translation>缓入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ease out</source>
        <translation>缓出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ease in and out</source>
        <translation>缓入缓出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Time:</source>
        <translation>时间(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan &amp;X:</source>
        <translation>平移 X(&amp;X)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan &amp;Y:</source>
        <translation>平移 Y(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Zoom:</source>
        <translation>缩放(&amp;Z)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Roll:</source>
        <translation>旋转(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>°</source>
        <translation>°</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fraction of the frame width; positive moves the camera right</source>
        <translation>占画面宽度的比例；正值使镜头向右移动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fraction of the frame height; positive moves the camera down</source>
        <translation>占画面高度的比例；正值使镜头向下移动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 = no zoom, 2 = twice as close</source>
        <translation>1 = 不缩放，2 = 拉近一倍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Degrees, positive turns clockwise</source>
        <translation>角度，正值为顺时针旋转</translation>
    </message>
    <message>
        <location filename="../ui/CameraPathEditor_Edits.cpp" line="-80"/>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>%1 / %2 s</source>
        <translation>%1 / %2 秒</translation>
    </message>
    <message>
        <location filename="../ui/CameraPathEditor.cpp" line="-24"/>
        <source>Drag a point to move the camera&apos;s path or a handle to bend it. Wheel: zoom the selected keyframe; Shift+wheel: roll it; Delete: remove it.</source>
        <translation>拖动点以移动镜头路径，拖动手柄以弯曲路径。滚轮：缩放所选关键帧；Shift+滚轮：旋转；Delete：删除该关键帧。</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::ControlPanel</name>
    <message>
        <location filename="../ui/ControlPanel.cpp" line="+146"/>
        <source>Choose a Folder of Numbered Images</source>
        <translation>选择包含编号图像的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a Control Image</source>
        <translation>选择控制图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图像 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Controls of %1</source>
        <translation>%1 的控制</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No earlier shot has a file for this control.</source>
        <translation>之前的镜头都没有此控制的文件。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uses the map of shot %1.</source>
        <translation>使用镜头 %1 的控制图。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save the project to see its control maps.</source>
        <translation>保存项目后即可查看其控制图。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>No shot is selected.</source>
        <translation>未选择镜头。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the project first: control images are copied into its assets folder.</source>
        <translation>请先保存项目：控制图像会被复制到项目的 assets 文件夹中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a folder.</source>
        <translation>%1 不是文件夹。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not copied: %1</source>
        <translation>未复制：%1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select a shot on the storyboard to steer it with depth, edge or pose maps.</source>
        <translation>在故事板上选择一个镜头，即可用深度图、边缘图或姿态图引导它。</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::ControlSlotEditor</name>
    <message>
        <location filename="../ui/ControlSlotEditor.cpp" line="+266"/>
        <source>No map</source>
        <translation>无控制图</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Canny Edges</source>
        <translation>Canny 边缘</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pose</source>
        <translation>姿态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image file</source>
        <translation>图像文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image sequence (folder)</source>
        <translation>图像序列（文件夹）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From previous shot</source>
        <translation>沿用上一个镜头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick the image or folder; it is copied into the project&apos;s assets folder</source>
        <translation>选择图像或文件夹；它会被复制到项目的 assets 文件夹中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is a ready map</source>
        <translation>该文件是现成的控制图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unticked: edges are found in the picture. Ticked: the file already is an edge map.</source>
        <translation>不勾选：从图片中检测边缘。勾选：该文件本身已是边缘图。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Depth and pose maps cannot be extracted from a picture yet: give a ready map.</source>
        <translation>目前无法从图片中提取深度图和姿态图：请提供现成的控制图。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How strongly the map steers the picture (0 = off, 2 = strongest)</source>
        <translation>控制图对画面的引导强度（0 = 关闭，2 = 最强）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start – end:</source>
        <translation>开始 – 结束：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fraction of the denoising steps at which the control starts</source>
        <translation>控制开始生效时所处的去噪步数比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fraction of the denoising steps at which the control stops</source>
        <translation>控制停止生效时所处的去噪步数比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto (the model&apos;s choice)</source>
        <translation>自动（模型的选择）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balanced</source>
        <translation>平衡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Control first</source>
        <translation>控制优先</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which of the two guidance passes the control acts on.
Balanced: the control acts on both passes.
Control first: only on the prompt&apos;s pass, so the CFG scale strengthens it.
Auto: what the ControlNet asks for (Shotcraft&apos;s own model: control first).</source>
        <translation>控制作用于引导的两次计算中的哪一次。
平衡：控制作用于两次计算。
控制优先：只作用于提示词那一次，因此 CFG 强度会加强控制。
自动：按 ControlNet 的要求（Shotcraft 自带的模型：控制优先）。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>The part of the denoising steps during which the control steers the picture</source>
        <translation>控制在去噪过程中起引导作用的步数区间</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+40"/>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; has changes that are not saved.</source>
        <translation>“%1”有尚未保存的更改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save them before continuing?</source>
        <translation>是否先保存再继续？</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/MainWindow_Menus.cpp" line="+168"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Don&apos;t Save</source>
        <translation>不保存(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+55"/>
        <location filename="../ui/MainWindow_Edit.cpp" line="+29"/>
        <location line="+10"/>
        <location line="+10"/>
        <location line="+7"/>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%1 acts · %n shot(s) · %2 s</source>
        <translation>
            <numerusform>%1 幕 · %n 个镜头 · %2 秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1[*] — Shotcraft</source>
        <translation>%1[*] — Shotcraft</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow_Edit.cpp" line="+8"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The language &quot;%1&quot; is not available.</source>
        <translation>语言“%1”不可用。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>About Shotcraft</source>
        <translation>关于 Shotcraft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Shotcraft %1&lt;/h3&gt;&lt;p&gt;A storyboard studio with an on-device diffusion engine.&lt;/p&gt;&lt;p&gt;Draft a promo or short film as three acts of shots, refine each shot&apos;s prompt, and render drafts on your own machine.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Shotcraft %1&lt;/h3&gt;&lt;p&gt;一款内置本地扩散模型引擎的分镜工作室。&lt;/p&gt;&lt;p&gt;把宣传片或短片规划成三幕镜头，逐个打磨每个镜头的提示词，并在自己的电脑上渲染草稿。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow_File.cpp" line="+33"/>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot Open Project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not open %1:
%2</source>
        <translation>无法打开 %1：
%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+14"/>
        <source>Cannot Save Project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+14"/>
        <source>The project was not saved:
%1</source>
        <translation>项目未保存：
%1</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+14"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot Import Screenplay</source>
        <translation>无法导入剧本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not import %1:
%2</source>
        <translation>无法导入 %1：
%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported %1</source>
        <translation>已导入 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shotcraft projects (project.json)</source>
        <translation>Shotcraft 项目 (project.json)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shotcraft project folders (*.shotcraft)</source>
        <translation>Shotcraft 项目文件夹 (*.shotcraft)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import Fountain Screenplay</source>
        <translation>导入 Fountain 剧本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fountain screenplays (*.fountain *.spmd *.txt)</source>
        <translation>Fountain 剧本 (*.fountain *.spmd *.txt)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow_Menus.cpp" line="-22"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brief</source>
        <translation>简报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shot</source>
        <translation>镜头</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Shot</source>
        <translation>添加镜头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete Shot</source>
        <translation>删除镜头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new, empty project</source>
        <translation>新建一个空项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a project folder</source>
        <translation>打开项目文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;As...</source>
        <translation>另存为(&amp;A)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import Fountain...</source>
        <translation>导入 Fountain 剧本(&amp;I)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Build a new storyboard from a Fountain screenplay</source>
        <translation>根据 Fountain 剧本生成新的分镜</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear List</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add Shot</source>
        <translation>添加镜头(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a shot after the selected one</source>
        <translation>在所选镜头之后添加一个镜头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate Shot</source>
        <translation>复制镜头(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Shot</source>
        <translation>删除镜头(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected shot</source>
        <translation>删除所选镜头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move Shot &amp;Earlier</source>
        <translation>镜头前移(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move Shot &amp;Later</source>
        <translation>镜头后移(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Shotcraft</source>
        <translation>关于 Shotcraft(&amp;A)</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>&amp;Brief Panel</source>
        <translation>简报面板(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;hot Panel</source>
        <translation>镜头面板(&amp;H)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;Toolbar</source>
        <translation>工具栏(&amp;T)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No recent projects</source>
        <translation>没有最近打开的项目</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Undo %1</source>
        <translation>撤销“%1”(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo %1</source>
        <translation>重做“%1”(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow_Render.cpp" line="+87"/>
        <source>Render of %1 failed: %2</source>
        <translation>镜头 %1 渲染失败：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shot %1: take %2 rendered</source>
        <translation>镜头 %1：已渲染出镜次 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+12"/>
        <location line="+28"/>
        <source>Render</source>
        <translation>渲染</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Select a shot to render first.</source>
        <translation>请先选择要渲染的镜头。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Save the project first: rendered takes are stored in its folder.</source>
        <translation>请先保存项目：渲染出的镜次存放在项目文件夹中。</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Drafting %n shot(s) without an up-to-date take</source>
        <translation>
            <numerusform>正在为 %n 个没有最新镜次的镜头渲染草稿</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every shot already has an up-to-date take</source>
        <translation>每个镜头都已有最新的镜次</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a Model Folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Renders will use the model in %1</source>
        <translation>渲染将使用 %1 中的模型</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Render</source>
        <translation>渲染(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render &amp;Draft</source>
        <translation>渲染草稿(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render a quick low-resolution take of the selected shot</source>
        <translation>为所选镜头快速渲染一个低分辨率镜次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render &amp;Final</source>
        <translation>渲染成片(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft All &amp;Stale Shots</source>
        <translation>为所有过期镜头渲染草稿(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft every shot that has no take yet or was edited since its take, in play order</source>
        <translation>按播放顺序，为尚无镜次或在镜次之后被修改过的每个镜头渲染草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Model Folder…</source>
        <translation>模型文件夹(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live Preview</source>
        <translation>实时预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render Queue</source>
        <translation>渲染队列</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Live &amp;Preview</source>
        <translation>实时预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render &amp;Queue</source>
        <translation>渲染队列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow_Steering.cpp" line="+47"/>
        <source>Controls</source>
        <translation>控制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Camera</source>
        <translation>运镜</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Controls Panel</source>
        <translation>控制面板(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;amera Path Editor</source>
        <translation>运镜路径编辑器(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow_Recovery.cpp" line="+23"/>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recover Unsaved Changes</source>
        <translation>恢复未保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recover unsaved changes from %1?</source>
        <translation>要恢复 %1 时未保存的更改吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shotcraft kept a copy of &quot;%1&quot; that was not saved before it closed.</source>
        <translation>Shotcraft 在上次关闭前保留了“%1”中未保存内容的副本。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recovery Snapshot Ignored</source>
        <translation>已忽略恢复快照</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A recovery snapshot could not be read: %1</source>
        <translation>无法读取恢复快照：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recovered unsaved changes from %1</source>
        <translation>已恢复 %1 时未保存的更改</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow_Settings.cpp" line="+52"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow_Animatic.cpp" line="+26"/>
        <source>Animatic</source>
        <translation>动态分镜</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Animatic Player</source>
        <translation>动态分镜播放器(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow_Models.cpp" line="+29"/>
        <source>the model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaded %1 in %2 s</source>
        <translation>已载入 %1，用时 %2 秒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::ModelsPanel</name>
    <message>
        <location filename="../ui/ModelsPanel.cpp" line="+123"/>
        <source>Checkpoints</source>
        <translation>检查点模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ControlNets</source>
        <translation>ControlNet 模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LoRAs</source>
        <translation>LoRA 模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VAEs</source>
        <translation>VAE 模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TAESD preview decoders</source>
        <translation>TAESD 预览解码器</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+30"/>
        <source>Not recognised</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Not installed yet</source>
        <translation>尚未安装</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Used for renders</source>
        <translation>用于渲染</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chosen for renders, but cannot be used: %1</source>
        <translation>已选作渲染模型，但无法使用：%1</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>controlnet</source>
        <translation>ControlNet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lora</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vae</source>
        <translation>VAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>taesd</source>
        <translation>TAESD</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pickled file, not loaded: convert it to .safetensors</source>
        <translation>pickle 格式文件，未加载：请转换为 .safetensors</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No engine plugin to inspect it</source>
        <translation>没有可检查它的引擎插件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not supported yet</source>
        <translation>暂不支持</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 (embedded)</source>
        <translation>%1（内置）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Models folder %1 does not exist</source>
        <translation>模型文件夹 %1 不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is neither a folder nor a model file</source>
        <translation>%1 既不是文件夹，也不是模型文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models folder %1 cannot be read</source>
        <translation>无法读取模型文件夹 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No engine plugin to inspect models: they are listed by file type only</source>
        <translation>没有可检查模型的引擎插件：仅按文件类型列出</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scanning model folders…</source>
        <translation>正在扫描模型文件夹…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaded %1 in %2 s</source>
        <translation>已载入 %1，用时 %2 秒</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Family</source>
        <translation>系列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the model folders again (Settings &gt; Preferences lists them)</source>
        <translation>重新扫描模型文件夹（在“设置 &gt; 首选项”中列出）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Use for Renders</source>
        <translation>用于渲染(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render shots with the selected checkpoint</source>
        <translation>使用所选检查点模型渲染镜头</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::PreviewPanel</name>
    <message>
        <location filename="../ui/PreviewPanel.cpp" line="+109"/>
        <source>No render running</source>
        <translation>当前没有渲染任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyframe %1/%2 · step %3/%4</source>
        <translation>关键帧 %1/%2 · 第 %3/%4 步</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>about %1 s left</source>
        <translation>约剩 %1 秒</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ms per step</source>
        <translation>每步毫秒</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>The denoising preview appears here while a shot renders.</source>
        <translation>镜头渲染时，去噪预览会显示在这里。</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::ProjectDocument</name>
    <message>
        <location filename="../ui/ProjectDocument.cpp" line="+25"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Edit Shot Title</source>
        <translation>编辑镜头标题</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit Prompt</source>
        <translation>编辑提示词</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit Negative Prompt</source>
        <translation>编辑反向提示词</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../ui/ProjectDocument_Timeline.cpp" line="+29"/>
        <source>Change Duration</source>
        <translation>修改时长</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change Frame Rate</source>
        <translation>修改帧率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change Keyframe Cadence</source>
        <translation>修改关键帧间隔</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change Seed</source>
        <translation>修改种子</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Change Sampler</source>
        <translation>修改采样器</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change Steps</source>
        <translation>修改步数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change CFG Scale</source>
        <translation>修改 CFG 强度</translation>
    </message>
    <message>
        <location filename="../ui/ProjectDocument_Io.cpp" line="+28"/>
        <source>The project has no folder yet: use Save As.</source>
        <translation>项目还没有保存位置，请使用“另存为”。</translation>
    </message>
    <message>
        <location filename="../ui/ProjectDocument_Structure.cpp" line="+34"/>
        <source>New shot</source>
        <translation>新镜头</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add Shot</source>
        <translation>添加镜头</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove Shot</source>
        <translation>删除镜头</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Move Shot</source>
        <translation>移动镜头</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Duplicate Shot</source>
        <translation>复制镜头</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Edit Brief</source>
        <translation>编辑简报</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rename Act</source>
        <translation>重命名幕</translation>
    </message>
    <message>
        <location filename="../ui/ProjectDocument_Takes.cpp" line="+31"/>
        <source>Add Take</source>
        <translation>添加镜次</translation>
    </message>
    <message>
        <location filename="../ui/ProjectDocument_Steering.cpp" line="+40"/>
        <source>Change Controls</source>
        <translation>更改控制</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Edit Camera Path</source>
        <translation>编辑镜头路径</translation>
    </message>
    <message>
        <location filename="../ui/ProjectDocument_Timeline.cpp" line="+12"/>
        <source>Split Shot</source>
        <translation>拆分镜头</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete %1 Shots</source>
        <translation>删除 %1 个镜头</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::PromptEditor</name>
    <message>
        <location filename="../ui/PromptEditor.cpp" line="+65"/>
        <source>CLIP tokens of this prompt / tokens per text window</source>
        <translation>此提示词的 CLIP 词元数 / 每个文本窗口的词元数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Estimated tokens (the model&apos;s tokenizer is not available)</source>
        <translation>估算的词元数（模型的分词器不可用）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Recent prompts…</source>
        <translation>最近使用的提示词…</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::RenderController</name>
    <message>
        <location filename="../ui/RenderController.cpp" line="+62"/>
        <source>Save the project first: rendered takes are stored in its folder.</source>
        <translation>请先保存项目：渲染出的镜次存放在项目文件夹中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no shot %1.</source>
        <translation>不存在镜头 %1。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Job %1 is not a shot render.</source>
        <translation>任务 %1 不是镜头渲染任务。</translation>
    </message>
    <message>
        <location filename="../ui/RenderController_Job.cpp" line="+140"/>
        <source>Final render of %1</source>
        <translation>%1 成片渲染</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Draft render of %1</source>
        <translation>%1 草稿渲染</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::RenderQueuePanel</name>
    <message>
        <location filename="../ui/RenderQueuePanel.cpp" line="+46"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+80"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-79"/>
        <location line="+80"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Interactive</source>
        <translation>交互</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="+148"/>
        <source>Add a Model Folder</source>
        <translation>添加模型文件夹</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model folders (the selected one is used for renders):</source>
        <translation>模型文件夹（渲染时使用选中的文件夹）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Embedded model (shotcraft-tiny)</source>
        <translation>内置模型（shotcraft-tiny）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add Folder…</source>
        <translation>添加文件夹(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The embedded model cannot be removed</source>
        <translation>内置模型不能移除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Precision:</source>
        <translation>精度(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Threads:</source>
        <translation>线程数(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;heme:</source>
        <translation>主题(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;utosave every:</source>
        <translation>自动保存间隔(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CUDA (GPU)</source>
        <translation>CUDA（GPU）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fp32 (full)</source>
        <translation>fp32（全精度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16</source>
        <translation>bf16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fp16</source>
        <translation>fp16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::ShotCard</name>
    <message>
        <location filename="../ui/ShotCard.cpp" line="+159"/>
        <source>Rendered</source>
        <translation>已渲染</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stale</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rendering…</source>
        <translation>渲染中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not rendered</source>
        <translation>未渲染</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n take(s), preview not loaded</source>
        <translation>
            <numerusform>已有 %n 个版本，预览未加载</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2 s · seed %3</source>
        <translation>%1 · %2 秒 · 种子 %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The shot was edited after this take was rendered</source>
        <translation>此镜次渲染后，镜头又被修改过</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(no prompt yet)</source>
        <translation>（尚无提示词）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — %2 s. Drag to move; drag the right edge to change the duration.</source>
        <translation>%1 — %2 秒。拖动可移动；拖动右边缘可更改时长。</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::ShotPanel</name>
    <message>
        <location filename="../ui/ShotPanel.cpp" line="+156"/>
        <source>Select a shot on the storyboard to edit it here.</source>
        <translation>在分镜板上选择一个镜头，即可在此编辑。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timing</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Prompt:</source>
        <translation>提示词(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Negative:</source>
        <translation>反向提示词(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shot title</source>
        <translation>镜头标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the shot shows: subject, setting, light, lens, mood</source>
        <translation>镜头画面：主体、场景、光线、镜头语言、氛围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to keep out of the picture</source>
        <translation>不希望出现在画面中的内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Duration:</source>
        <translation>时长(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Frame rate:</source>
        <translation>帧率(&amp;F)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> fps</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;eed:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a new random seed</source>
        <translation>随机生成一个新种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/ShotPanel_Edits.cpp" line="+69"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../ui/ShotPanel_Edits.cpp" line="+0"/>
        <source>Unlocked</source>
        <translation>未锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked: renders keep this seed. Unlocked: each render picks a new seed.</source>
        <translation>锁定：渲染时保留此种子。未锁定：每次渲染都选用新种子。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sa&amp;mpler:</source>
        <translation>采样器(&amp;M)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Steps:</source>
        <translation>步数(&amp;S)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;CFG scale:</source>
        <translation>CFG 强度(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How closely the picture follows the prompt</source>
        <translation>画面贴合提示词的程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyframe every:</source>
        <translation>关键帧间隔(&amp;K)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Render default</source>
        <translation>渲染默认值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> frames</source>
        <translation> 帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The engine draws every N-th frame; optical flow fills the frames between</source>
        <translation>引擎每 N 帧绘制一帧，中间帧由光流补出</translation>
    </message>
    <message>
        <location filename="../ui/ShotPanel_Edits.cpp" line="+32"/>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Shot %1 · %2 · act %3</source>
        <translation>镜头 %1 · %2 · 第 %3 幕</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::StoryboardView</name>
    <message>
        <location filename="../ui/StoryboardView_Edits.cpp" line="+46"/>
        <source>&amp;Regenerate</source>
        <translation>重新生成(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render a new draft of the shot, as Render Draft does</source>
        <translation>重新渲染此镜头的草稿，与“渲染草稿”相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;Take</source>
        <translation>新镜次(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render another take of the shot with a new seed</source>
        <translation>用新的种子为此镜头再渲染一个镜次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Split at Playhead</source>
        <translation>在播放头处拆分(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cut the shot in two where the playhead is</source>
        <translation>在播放头所在位置将镜头一分为二</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the timeline wider (Ctrl+wheel)</source>
        <translation>放宽时间线显示（Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more of the timeline (Ctrl+wheel)</source>
        <translation>显示更多时间线（Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom to &amp;Fit</source>
        <translation>缩放至适合(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole storyboard in the visible width</source>
        <translation>在可见宽度内显示整个故事板</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;Delete %1 Shots</source>
        <translation>删除 %1 个镜头(&amp;D)</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Select the shots to delete first.</source>
        <translation>请先选择要删除的镜头。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Place the playhead inside shot %1 to split it.</source>
        <translation>请将播放头放在镜头 %1 之内再拆分。</translation>
    </message>
</context>
<context>
    <name>shotcraft::ui::TimelineRuler</name>
    <message>
        <location filename="../ui/TimelineRuler.cpp" line="+166"/>
        <source>Click or drag to move the playhead (Shift: off the 0.1 s grid). Coloured lines are beats.</source>
        <translation>单击或拖动以移动播放头（按住 Shift 可不吸附到 0.1 秒网格）。彩色细线表示节拍。</translation>
    </message>
</context>
</TS>
