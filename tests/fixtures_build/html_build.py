"""Make web-page fixtures: a report inside the furniture of a typical government site."""

from __future__ import annotations

import html
from pathlib import Path

FURNITURE_WORDS = (
    "网站首页",
    "政务公开",
    "当前位置",
    "版权所有",
    "ICP备",
    "公网安备",
    "网站标识码",
    "分享到",
    "相关链接",
    "发布时间",
    "字号",
    "打印本页",
    "关闭窗口",
    "主办单位",
    "网站地图",
    "无障碍",
    "区政府办公室通知",
)

PAGE = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_湖滨区人民政府</title>
<style>.nav li {{ float: left; }}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head>
<body>
<div class="top-bar">网站首页 | 无障碍 | 网站地图 | 繁體</div>
<div id="nav" class="nav"><ul>
<li><a href="/">网站首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div class="main">
  <div class="left-side"><h3>栏目导航</h3><ul>
  <li><a href="/a">通知公告</a></li><li><a href="/b">区政府办公室通知</a></li>
  <li><a href="/c">政策解读</a></li></ul></div>
  <div class="article">
    <h1 class="article-title">{title}</h1>
    <div class="info">发布时间：2024-03-01 09:00　信息来源：湖滨区司法局
    字号：[ <a>大</a> <a>中</a> <a>小</a> ]</div>
    <div class="TRS_Editor" id="zoom">
{paragraphs}
    </div>
    <div class="share">分享到：<a>微信</a> <a>微博</a></div>
    <div class="btns"><a href="javascript:window.print()">【打印本页】</a> <a>【关闭窗口】</a></div>
  </div>
  <div class="xglj"><h3>相关链接</h3><ul><li><a href="/x">关于2022年法治政府建设情况的报告</a></li></ul></div>
</div>
<div class="footer">
<p>主办单位：湖滨区人民政府办公室　版权所有：湖滨区人民政府</p>
<p>网站标识码：1234567890　<a>浙ICP备12345678号</a>　<a>浙公网安备 33010202000123号</a></p>
</div>
</body>
</html>
"""


def html_from_lines(
    path: Path, title: str, lines: list[str], charset: str = "utf-8", encoding: str | None = None
) -> Path:
    """The report's lines as <p> elements of a government article page."""
    paragraphs = "\n".join(f'<p style="text-indent: 2em;">{html.escape(line)}</p>' for line in lines)
    page = PAGE.format(charset=charset, title=html.escape(title), paragraphs=paragraphs)
    path.write_bytes(page.encode(encoding or charset))
    return path
