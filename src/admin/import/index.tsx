import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import ChoiceChips from '@/components/choice-chips'
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportReport } from '@/domain/api/stations'
import { COORD_SYSTEMS, type CoordSystem } from '@/domain/geo'
import { api, newRequestId } from '@/api'
import { AdminPage } from '../components/admin-gate'
import { pickFiles } from '@/platform/pick-files'
import type { PickedFile, SavedExport } from '@/platform/file-types'
import { uploadImportFile } from '@/platform/upload'
import ExportReady from '@/components/export-ready'
import { keepExport } from '@/platform/save-file'
import '../admin.css'
import './index.css'

/** The file's own 坐标系 column decides, else the choice here. */
type CoordChoice = CoordSystem | 'column'

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; file: ChosenFile }
  | { kind: 'checked'; file: ChosenFile; report: ImportReport; requestId: string }
  | { kind: 'importing'; file: ChosenFile; report: ImportReport; requestId: string }
  | { kind: 'done'; report: ImportReport }
  | { kind: 'failed'; message: string }

/**
 * A file the admin chose, and its id in storage once uploaded: the calls name the file, never carry
 * it. A real run deletes the stored file, so a later run uploads it again.
 */
interface ChosenFile {
  picked: PickedFile
  name: string
  fileId: string | null
}

/** An import call's outcome: the report and the file as it now stands in storage, or why it failed. */
type Ran = { ok: true; report: ImportReport; file: ChosenFile } | { ok: false; message: string }

const COORD_CHOICES = [{ code: 'column', label: '按文件“坐标系”列' }, ...COORD_SYSTEMS]

const formatOf = (name: string): 'csv' | 'xlsx' | null => (/\.csv$/i.test(name) ? 'csv' : /\.xlsx$/i.test(name) ? 'xlsx' : null)

/** Import stations from CSV or XLSX (a dry run first, then confirm), and export them in the same columns. */
export default function ImportPage() {
  return (
    <AdminPage className='admin'>
      <ImportStations />
      <ExportStations />
    </AdminPage>
  )
}

function ImportStations() {
  const [coord, setCoord] = useState<CoordChoice>('column')
  const [step, setStep] = useState<Step>({ kind: 'idle' })

  /** Uploads the file when it is not in storage yet, then runs the import on its id. */
  const run = async (file: ChosenFile, dryRun: boolean, requestId: string): Promise<Ran> => {
    let fileId = file.fileId
    if (!fileId) {
      const uploaded = await uploadImportFile(file.picked)
      if (!uploaded.ok) return { ok: false, message: uploaded.error.message }
      fileId = uploaded.data.fileId
    }
    const format = formatOf(file.name)!
    const reply = await api.stations.import({ format, fileId, dryRun, ...(coord === 'column' ? {} : { coordSystem: coord }) }, { requestId })
    if (!reply.ok) return { ok: false, message: reply.error.message }
    return { ok: true, report: reply.data, file: { ...file, fileId: dryRun ? fileId : null } }
  }

  const choose = async () => {
    const [picked] = await pickFiles('table', 1)
    if (!picked) return
    if (!formatOf(picked.name)) return setStep({ kind: 'failed', message: `“${picked.name}”不是 CSV 或 XLSX 文件` })
    if (picked.size > MAX_IMPORT_BYTES) return setStep({ kind: 'failed', message: `文件太大（${Math.ceil(picked.size / 1024)}KB）：一次最多导入${MAX_IMPORT_BYTES / 1024 / 1024}MB，请分成几个文件` })
    const chosen: ChosenFile = { picked, name: picked.name, fileId: null }
    setStep({ kind: 'checking', file: chosen })
    const ran = await run(chosen, true, newRequestId())
    setStep(ran.ok ? { kind: 'checked', file: ran.file, report: ran.report, requestId: newRequestId() } : { kind: 'failed', message: ran.message })
  }

  const confirm = async () => {
    if (step.kind !== 'checked') return
    setStep({ ...step, kind: 'importing' })
    const ran = await run(step.file, false, step.requestId)
    if (!ran.ok) return setStep({ kind: 'failed', message: ran.message })
    setStep(ran.report.applied ? { kind: 'done', report: ran.report } : { kind: 'checked', file: ran.file, report: ran.report, requestId: newRequestId() })
  }

  return (
    <View className='card'>
      <Text className='card__title'>导入站点</Text>
      <Text className='admin-note'>
        支持 CSV 和 Excel（XLSX）文件，每个文件最多 {MAX_IMPORT_ROWS} 行、{MAX_IMPORT_BYTES / 1024 / 1024}MB。列与“导出”的文件相同，可先导出一份作为模板。按“外部编号”匹配：已有的站点会被更新，不会重复添加。先试导入检查每一行，确认无误后才会写入。
      </Text>
      <ChoiceChips field='coordSystem' label='文件中的坐标系' options={COORD_CHOICES} value={coord} onChange={(c) => setCoord(c as CoordChoice)} />
      <Button className='btn btn--primary import__choose' onClick={() => void choose()} data-action='choose-file'>
        {step.kind === 'idle' || step.kind === 'failed' || step.kind === 'done' ? '选择文件并试导入' : '重新选择文件'}
      </Button>

      {step.kind === 'checking' && <Text className='state-text'>正在检查“{step.file.name}”…</Text>}
      {step.kind === 'failed' && (
        <Text className='field-error import__failed' data-import='failed'>
          {step.message}
        </Text>
      )}
      {(step.kind === 'checked' || step.kind === 'importing') && (
        <View className='import__report' data-import={step.report.problems.length ? 'problems' : 'ok'}>
          <Text className='import__file'>{step.file.name}</Text>
          <ReportSummary report={step.report} />
          {step.report.problems.length > 0 ? (
            <View>
              <Text className='import__problems-title'>有 {step.report.problems.length} 处问题，请改正后重新选择文件（未写入任何数据）：</Text>
              {step.report.problems.map((p, i) => (
                <Text key={i} className='import__problem' data-line={p.line}>
                  第 {p.line} 行{p.column ? ` · ${p.column}` : ''}：{p.message}
                </Text>
              ))}
            </View>
          ) : (
            <Button className={step.kind === 'importing' ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => void confirm()} data-action='confirm-import'>
              {step.kind === 'importing' ? '正在导入…' : '确认导入'}
            </Button>
          )}
        </View>
      )}
      {step.kind === 'done' && (
        <View className='import__report import__report--done' data-import='done'>
          <Text className='import__done'>导入完成</Text>
          <ReportSummary report={step.report} />
          {step.report.problems.length > 0 && (
            <View>
              <Text className='import__problems-title'>以下 {step.report.problems.length} 行未写入：</Text>
              {step.report.problems.map((p, i) => (
                <Text key={i} className='import__problem' data-line={p.line}>
                  {p.message}
                </Text>
              ))}
            </View>
          )}
        </View>
      )}
    </View>
  )
}

function ReportSummary({ report }: { report: ImportReport }) {
  return (
    <Text className='import__summary'>
      共 {report.rows} 行：{report.dryRun ? '将' : '已'}新增 {report.created}，{report.dryRun ? '将' : '已'}更新 {report.updated}，无变化 {report.unchanged}
    </Text>
  )
}

function ExportStations() {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState('')
  const [saved, setSaved] = useState<{ file: SavedExport; rows: number } | null>(null)
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true)
    setSaved(null)
    const reply = await api.stations.export({ format })
    setBusy(false)
    if (!reply.ok) return setNote(reply.error.message)
    try {
      setNote('')
      setSaved({ file: await keepExport({ fileName: reply.data.fileName, mimeType: reply.data.mimeType, base64: reply.data.content }), rows: reply.data.rows })
    } catch {
      void Taro.showToast({ title: '文件没有保存', icon: 'none' })
    }
  }
  return (
    <View className='card'>
      <Text className='card__title'>导出站点</Text>
      <Text className='admin-note'>导出全部站点（坐标为高德、腾讯地图所用的坐标），可修改后再导入。</Text>
      <View className='admin-nav'>
        <Button className='btn btn--secondary btn--small' onClick={() => !busy && void run('xlsx')} data-action='export-xlsx'>
          导出 Excel
        </Button>
        <Button className='btn btn--secondary btn--small' onClick={() => !busy && void run('csv')} data-action='export-csv'>
          导出 CSV
        </Button>
      </View>
      {note && <Text className='admin-note'>{note}</Text>}
      {/* Stations are public places: nothing sensitive, so the file may go into a chat. */}
      {saved && <ExportReady saved={saved.file} shareable note={`${saved.rows} 个站点`} />}
    </View>
  )
}
