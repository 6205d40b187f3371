//! The C face of the inventory import and upload generation, called as C calls it, over the
//! bundled fixtures (examples/data/ucm), compared with the core's own results.

use std::path::PathBuf;
use std::ptr;

use mpp_migration::{
    EntryStatus, FleetGrouping, HardwareList, Inventory, InventoryOptions, LoadList,
};

use crate::support::*;
use mpp_migration_ffi::mpp_device;
use mpp_migration_ffi::mpp_device_mac;
use mpp_migration_ffi::*;
use mpp_migration_ffi::{
    mpp_add_outcome, mpp_add_outcome_added, mpp_add_outcome_free, mpp_board, mpp_board_add_upload,
    mpp_board_create_default_task_from_devices, mpp_board_create_task, mpp_board_free,
    mpp_board_new,
};
use mpp_migration_ffi::{mpp_model, mpp_model_at};
use mpp_migration_ffi::{
    mpp_output_files_count, mpp_output_files_free, mpp_output_files_name_at, mpp_output_files_new,
    mpp_output_files_write,
};
use mpp_migration_ffi::{mpp_report_added, mpp_report_errors};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data")
        .join(name)
}

fn read_fixture() -> *mut mpp_inventory {
    let (csv, vids, loads) = (
        std::fs::read(data("ucm/phones-all-details.csv")).unwrap(),
        std::fs::read(data("ucm/vids.csv")).unwrap(),
        std::fs::read(data("ucm/ris-loads.csv")).unwrap(),
    );
    let mut inv = ptr::null_mut();
    // SAFETY: valid buffers and out-parameters.
    call(|err| unsafe {
        mpp_inventory_read(
            csv.as_ptr(),
            csv.len(),
            vids.as_ptr(),
            vids.len(),
            loads.as_ptr(),
            loads.len(),
            &mut inv,
            err,
        )
    })
    .unwrap();
    inv
}

#[test]
fn device_names_back_to_macs() {
    let mut out = ptr::null_mut();
    // SAFETY: valid strings and out-parameters.
    unsafe {
        call(|err| mpp_mac_from_device_name(cs("SEP001a2b3c4d5e").as_ptr(), &mut out, err))
            .unwrap();
        assert_eq!(owned(out), "001A2B3C4D5E");
        let e = expect_err(
            ErrorCodeNumber::DEVICE_NAME_INVALID,
            call(|err| mpp_mac_from_device_name(cs("CSFJSMITH").as_ptr(), &mut out, err)),
            "Jabber",
        );
        assert_eq!(
            e,
            core_error(&mpp_migration::mac_from_device_name("CSFJSMITH").unwrap_err())
        );
        expect_err(
            NULL_POINTER,
            call(|err| mpp_mac_from_device_name(ptr::null(), &mut out, err)),
            "name",
        );
    }
}

/// Error numbers the tests compare with.
struct ErrorCodeNumber;
impl ErrorCodeNumber {
    const DEVICE_NAME_INVALID: u32 = mpp_migration::ErrorCode::DeviceNameInvalid.number();
    const MAPPING_INVALID: u32 = mpp_migration::ErrorCode::MappingInvalid.number();
    const SUPPLEMENT_COLUMN_MISSING: u32 =
        mpp_migration::ErrorCode::SupplementColumnMissing.number();
}

#[test]
fn udi_strings() {
    let mut model: *const mpp_model = ptr::null();
    let mut vid = 0u8;
    let mut serial = ptr::null_mut();
    // SAFETY: valid strings and out-parameters.
    unsafe {
        call(|err| {
            mpp_parse_udi(
                cs("PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD").as_ptr(),
                &mut model,
                &mut vid,
                &mut serial,
                err,
            )
        })
        .unwrap();
        assert_eq!(
            model,
            mpp_model_at(mpp_migration::parse_model("8845").unwrap().index())
        );
        assert_eq!((vid, owned(serial)), (2, "FCH2117ABCD".to_owned()));
        call(|err| {
            mpp_parse_udi(
                cs("PID: CP-7821-K9=, VID: V03").as_ptr(),
                &mut model,
                &mut vid,
                &mut serial,
                err,
            )
        })
        .unwrap();
        assert!(serial.is_null());
        call(|err| {
            mpp_parse_udi(
                cs("PID: CP-7821-K9=, VID: V03, SN: X").as_ptr(),
                &mut model,
                &mut vid,
                ptr::null_mut(),
                err,
            )
        })
        .unwrap();
        let before = (model, vid);
        let e = expect_err(
            mpp_migration::ErrorCode::UdiInvalid.number(),
            call(|err| {
                mpp_parse_udi(
                    cs("PID: CP-8845-K9=").as_ptr(),
                    &mut model,
                    &mut vid,
                    &mut serial,
                    err,
                )
            }),
            "no VID",
        );
        assert_eq!(
            e,
            core_error(&mpp_migration::parse_udi("PID: CP-8845-K9=").unwrap_err())
        );
        assert_eq!((model, vid), before, "nothing written on failure");
    }
}

#[test]
fn the_inventory_in_c_is_the_core_inventory() {
    let core = Inventory::read_path(
        &data("ucm/phones-all-details.csv"),
        InventoryOptions::new()
            .with_hardware(
                HardwareList::from_csv(std::fs::File::open(data("ucm/vids.csv")).unwrap()).unwrap(),
            )
            .with_loads(
                LoadList::from_csv(std::fs::File::open(data("ucm/ris-loads.csv")).unwrap())
                    .unwrap(),
            ),
    )
    .unwrap();
    let inv = read_fixture();
    // SAFETY: a live inventory, read within its life.
    unsafe {
        assert_eq!(mpp_inventory_entry_count(inv), core.entries().len());
        for s in EntryStatus::ALL {
            assert_eq!(
                mpp_inventory_status_count(inv, s as u32),
                core.counts().of(s)
            );
        }
        assert_eq!(mpp_inventory_status_count(inv, 99), 0);
        for (i, e) in core.entries().iter().enumerate() {
            assert_eq!(mpp_inventory_entry_status(inv, i), e.status() as u32);
            assert_eq!(mpp_inventory_entry_row(inv, i), e.row());
            assert_eq!(s(mpp_inventory_entry_device_name(inv, i)), e.device_name());
            assert_eq!(s(mpp_inventory_entry_device_type(inv, i)), e.device_type());
            assert_eq!(s(mpp_inventory_entry_device_pool(inv, i)), e.device_pool());
            assert_eq!(
                s(mpp_inventory_entry_owner_user_id(inv, i)),
                e.owner_user_id()
            );
            let d = mpp_inventory_entry_device(inv, i);
            assert_eq!(d.is_null(), e.device().is_none());
            if let Some(dev) = e.device() {
                assert_eq!(s(mpp_device_mac(d)), dev.mac().to_string());
            }
            assert_eq!(
                mpp_inventory_entry_finding_count(inv, i),
                e.findings().len()
            );
            for (k, f) in e.findings().iter().enumerate() {
                assert_eq!(
                    finding(mpp_inventory_entry_finding_at(inv, i, k)),
                    core_finding(f)
                );
            }
            assert!(mpp_inventory_entry_finding_at(inv, i, e.findings().len()).is_null());
        }
        let n = core.entries().len();
        assert!(mpp_inventory_entry_device_name(inv, n).is_null());
        assert_eq!(mpp_inventory_entry_status(inv, n), u32::MAX);
        assert_eq!(mpp_inventory_finding_count(inv), core.findings().len());
        assert_eq!(
            finding(mpp_inventory_finding_at(inv, 0)),
            core_finding(&core.findings()[0])
        );
        assert_eq!(
            s(mpp_entry_status_name(EntryStatus::NotMigratable as u32)),
            "not_migratable"
        );
        assert!(mpp_entry_status_name(5).is_null());
        let mut csv = ptr::null_mut();
        call(|err| mpp_inventory_csv(inv, &mut csv, err)).unwrap();
        assert_eq!(owned(csv), core.to_csv());

        // TASK-8: the phones straight into the default task.
        let devices: Vec<*const mpp_device> = (0..mpp_inventory_device_count(inv))
            .map(|i| mpp_inventory_device_at(inv, i))
            .collect();
        assert_eq!(devices.len(), core.devices().len());
        assert!(mpp_inventory_device_at(inv, devices.len()).is_null());
        let mut board: *mut mpp_board = ptr::null_mut();
        call(|err| mpp_board_new(&mut board, err)).unwrap();
        let mut outcome: *mut mpp_add_outcome = ptr::null_mut();
        call(|err| {
            mpp_board_create_default_task_from_devices(
                board,
                cs("default").as_ptr(),
                mpp_migration::UploadOption::LicenseOnly as u32,
                devices.as_ptr(),
                devices.len(),
                &mut outcome,
                err,
            )
        })
        .unwrap();
        assert_eq!(mpp_add_outcome_added(outcome), devices.len());
        mpp_add_outcome_free(outcome);
        mpp_board_free(board);
        mpp_inventory_free(inv);
        mpp_inventory_free(ptr::null_mut());
        assert_eq!(mpp_inventory_entry_count(ptr::null()), 0);
    }
}

#[test]
fn reading_refuses_only_what_cannot_be_read() {
    let mut inv = ptr::null_mut();
    // SAFETY: valid buffers and out-parameters, or NULL where the test says.
    unsafe {
        let bad = b"Serial,Colour\nx,y\n";
        let e = expect_err(
            ErrorCodeNumber::SUPPLEMENT_COLUMN_MISSING,
            call(|err| {
                mpp_inventory_read(
                    b"".as_ptr(),
                    0,
                    bad.as_ptr(),
                    bad.len(),
                    ptr::null(),
                    0,
                    &mut inv,
                    err,
                )
            }),
            "MAC",
        );
        assert_eq!(e.row, 1);
        assert!(inv.is_null());
        expect_err(
            NULL_POINTER,
            call(|err| {
                mpp_inventory_read(
                    ptr::null(),
                    3,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    &mut inv,
                    err,
                )
            }),
            "csv",
        );
        expect_err(
            mpp_migration::ErrorCode::IoError.number(),
            call(|err| {
                mpp_inventory_read_path(
                    cs("/no/such/export.csv").as_ptr(),
                    ptr::null(),
                    ptr::null(),
                    &mut inv,
                    err,
                )
            }),
            "/no/such/export.csv",
        );
        // Junk is findings, never a failure.
        call(|err| {
            mpp_inventory_read(
                b"\xff\x00,\"".as_ptr(),
                4,
                ptr::null(),
                0,
                ptr::null(),
                0,
                &mut inv,
                err,
            )
        })
        .unwrap();
        assert_eq!(mpp_inventory_device_count(inv), 0);
        mpp_inventory_free(inv);
        let path = cs(data("ucm/phones-specific-details.csv").to_str().unwrap());
        call(|err| mpp_inventory_read_path(path.as_ptr(), ptr::null(), ptr::null(), &mut inv, err))
            .unwrap();
        assert_eq!(mpp_inventory_entry_count(inv), 5);
        mpp_inventory_free(inv);
        // A list read by path that is refused names its file before the message, and keeps
        // its row and column (EXT-15), as Python's read_inventory(vids=path) does.
        let vids = std::env::temp_dir().join(format!("mpp-ffi-vids-{}.csv", std::process::id()));
        std::fs::write(&vids, "Serial,VID\nx,V01\n").unwrap();
        let vids_path = cs(vids.to_str().unwrap());
        let e = expect_err(
            mpp_migration::ErrorCode::SupplementColumnMissing.number(),
            call(|err| {
                mpp_inventory_read_path(
                    path.as_ptr(),
                    vids_path.as_ptr(),
                    ptr::null(),
                    &mut inv,
                    err,
                )
            }),
            "has no MAC",
        );
        std::fs::remove_file(&vids).unwrap();
        assert!(
            e.message.starts_with(&format!("{}: ", vids.display())),
            "{e:?}"
        );
        assert_eq!(e.row, 1, "{e:?}");
        assert!(e.column.is_some(), "{e:?}");
    }
}

#[test]
fn uploads_generated_in_c_are_validated_written_and_added_to_tasks() {
    let inv = read_fixture();
    let json = std::fs::read(data("ucm/mapping.json")).unwrap();
    let dir_json = std::fs::read(data("directory.json")).unwrap();
    let out_dir = std::env::temp_dir().join(format!("mpp-ffi-prepare-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out_dir);
    // SAFETY: live handles and valid out-parameters throughout.
    unsafe {
        let mut mapping = ptr::null_mut();
        call(|err| mpp_mapping_from_json(json.as_ptr(), json.len(), &mut mapping, err)).unwrap();
        let mut directory = ptr::null_mut();
        call(|err| {
            mpp_migration_ffi::mpp_directory_from_json(
                dir_json.as_ptr(),
                dir_json.len(),
                &mut directory,
                err,
            )
        })
        .unwrap();
        let mut prepared = ptr::null_mut();
        call(|err| {
            mpp_prepare_uploads(
                inv,
                mapping,
                mpp_migration::UploadOption::LicenseAndDevice as u32,
                cs("ucm").as_ptr(),
                1000,
                FleetGrouping::Location as u32,
                directory,
                &mut prepared,
                err,
            )
        })
        .unwrap();
        assert_eq!(mpp_prepared_upload_count(prepared), 3);
        assert_eq!(s(mpp_prepared_task_name(prepared, 1)), "ucm-HQ-001");
        assert!(mpp_prepared_task_name(prepared, 3).is_null());
        let codes: Vec<String> = (0..mpp_prepared_finding_count(prepared))
            .map(|i| finding(mpp_prepared_finding_at(prepared, i)).code)
            .collect();
        assert!(codes.iter().any(|c| c == "mapping_no_user"), "{codes:?}");
        let mut board: *mut mpp_board = ptr::null_mut();
        call(|err| mpp_board_new(&mut board, err)).unwrap();
        for i in 0..mpp_prepared_upload_count(prepared) {
            let report = mpp_prepared_report(prepared, i);
            assert_eq!(mpp_report_errors(report), 0);
            call(|err| {
                mpp_board_create_task(
                    board,
                    mpp_prepared_task_name(prepared, i),
                    mpp_migration::UploadOption::LicenseAndDevice as u32,
                    err,
                )
            })
            .unwrap();
            let mut outcome = ptr::null_mut();
            call(|err| {
                mpp_board_add_upload(
                    board,
                    mpp_prepared_task_name(prepared, i),
                    report,
                    &mut outcome,
                    err,
                )
            })
            .unwrap();
            assert_eq!(
                mpp_add_outcome_added(outcome) as u64,
                mpp_report_added(report)
            );
            mpp_add_outcome_free(outcome);
        }
        let mut files = ptr::null_mut();
        call(|err| mpp_output_files_new(&mut files, err)).unwrap();
        call(|err| mpp_output_files_add_prepared(files, prepared, err)).unwrap();
        assert_eq!(mpp_output_files_count(files), 3);
        assert_eq!(
            s(mpp_output_files_name_at(files, 0)),
            "ucm-Branch_Office-001.csv"
        );
        let dir = cs(out_dir.to_str().unwrap());
        call(|err| mpp_output_files_write(files, dir.as_ptr(), false, err)).unwrap();
        assert!(out_dir.join("ucm-Lab-001.csv").exists());
        expect_err(
            INVALID_ARGUMENT,
            call(|err| {
                mpp_prepare_uploads(
                    inv,
                    mapping,
                    7,
                    cs("x").as_ptr(),
                    1000,
                    0,
                    ptr::null(),
                    &mut prepared,
                    err,
                )
            }),
            "mpp_upload_option",
        );
        expect_err(
            INVALID_ARGUMENT,
            call(|err| {
                mpp_prepare_uploads(
                    inv,
                    ptr::null(),
                    mpp_migration::UploadOption::LicenseOnly as u32,
                    cs("x").as_ptr(),
                    1001,
                    0,
                    ptr::null(),
                    &mut prepared,
                    err,
                )
            }),
            "ELIG-3",
        );
        let bad = b"{\"extra\": 1}";
        let mut m2 = ptr::null_mut();
        expect_err(
            ErrorCodeNumber::MAPPING_INVALID,
            call(|err| mpp_mapping_from_json(bad.as_ptr(), bad.len(), &mut m2, err)),
            "mapping",
        );
        mpp_output_files_free(files);
        mpp_board_free(board);
        mpp_prepared_free(prepared);
        mpp_mapping_free(mapping);
        mpp_migration_ffi::mpp_directory_free(directory);
        mpp_inventory_free(inv);
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}
