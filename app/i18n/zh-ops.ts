/** 界面文字:服务器层面的回应——请求过大、服务器正在停止(并入 zh.ts 的同一目录)。 */
export const zhOps = {
  "ops.tooLarge": "请求内容过大：此处最多接受 {limit}。请缩短内容后重试，未做任何更改。",
  "ops.tooLargeUpload": "文件太大：上传的文件最大 {limit}（页面上注明的上限）。请换一个较小的文件，未做任何更改。",
  "ops.shuttingDown": "服务器正在重启，请几秒钟后重试（已保存的内容不会丢失）。",
  "ops.back": "返回上一页",
};
